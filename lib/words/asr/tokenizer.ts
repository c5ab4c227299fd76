// Moonshine's output tokens back to text. Moonshine uses the LLaMA SentencePiece vocabulary (ids
// below 32000; the ids above are unused specials): a piece starting with "▁" begins a word, and
// "<0x..>" pieces are raw UTF-8 bytes for characters the vocabulary lacks. Only decoding is needed:
// the recogniser writes, it never reads text.

const WORD_START = '\u2581';
const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;
/** <unk>, <s>, </s> and anything else in angle brackets that is not a byte. */
const SPECIAL_PIECE = /^<[^>]*>$/;

export class TokenDecoder {
  private readonly encoder = new TextEncoder();
  private readonly utf8 = new TextDecoder('utf-8');

  /** `pieces[id]` is the vocabulary's text for token `id`. */
  constructor(private readonly pieces: readonly string[]) {
    if (pieces.length < 259 || pieces[3] !== '<0x00>')
      throw new Error('not a SentencePiece vocabulary with byte pieces');
  }

  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of ids) {
      const piece = this.pieces[id];
      if (piece === undefined) continue;
      const byte = BYTE_PIECE.exec(piece)?.[1];
      if (byte !== undefined) bytes.push(parseInt(byte, 16));
      else if (!SPECIAL_PIECE.test(piece)) bytes.push(...this.encoder.encode(piece.replaceAll(WORD_START, ' ')));
    }
    return this.utf8.decode(new Uint8Array(bytes)).trim();
  }
}
