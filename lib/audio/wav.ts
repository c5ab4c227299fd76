// WAV decoding for recorded calls: PCM 8/16/24/32-bit integer and 32/64-bit float, any number of
// channels, any sample rate, plain or WAVE_FORMAT_EXTENSIBLE headers. Pure: bytes in, samples out.

export interface DecodedWav {
  sampleRate: number;
  /** One Float32Array per channel, values in [-1, 1]. */
  channels: Float32Array[];
  /** 'pcm16', 'float32', … for messages. */
  encoding: string;
}

/** A WAV the decoder refuses, with a message fit to show a person as is. */
export class WavError extends Error {
  override name = 'WavError';
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new WavError('not a WAV file (no RIFF/WAVE header)');
  }
  let format: { code: number; channels: number; sampleRate: number; bits: number } | null = null;
  let data: Uint8Array | null = null;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new WavError('damaged WAV: fmt chunk too short');
      let code = view.getUint16(body, true);
      if (code === FORMAT_EXTENSIBLE && size >= 40) code = view.getUint16(body + 24, true); // sub-format GUID
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      // Streams written while recording may carry a 0 or oversized length: take what is there.
      const end = size === 0 || body + size > bytes.length ? bytes.length : body + size;
      data = bytes.subarray(body, end);
      break;
    }
    at = body + size + (size & 1);
  }
  if (!format) throw new WavError('damaged WAV: no fmt chunk');
  if (!data) throw new WavError('damaged WAV: no data chunk');
  const { code, channels, sampleRate, bits } = format;
  if (channels < 1) throw new WavError('damaged WAV: zero channels');
  if (sampleRate < 4000 || sampleRate > 384000) throw new WavError(`unsupported sample rate ${sampleRate} Hz`);
  const read = sampleReader(code, bits);
  if (!read)
    throw new WavError(`unsupported WAV encoding (format ${code}, ${bits}-bit); use PCM 16-bit or 32-bit float`);
  const bytesPerSample = bits / 8;
  const frames = Math.floor(data.length / (bytesPerSample * channels));
  if (frames === 0) throw new WavError('empty audio: the WAV has no samples');
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0, offset = 0; i < frames; i++) {
    for (const channel of out) {
      const sample = read(dataView, offset);
      offset += bytesPerSample;
      // One NaN would poison every filter downstream and silence the rest of the channel.
      if (!Number.isFinite(sample)) {
        throw new WavError(`damaged WAV: sample at ${(i / sampleRate).toFixed(3)} s is not a number (NaN or infinity)`);
      }
      channel[i] = sample;
    }
  }
  return { sampleRate, channels: out, encoding: `${code === FORMAT_FLOAT ? 'float' : 'pcm'}${bits}` };
}

type SampleReader = (view: DataView, offset: number) => number;

function sampleReader(code: number, bits: number): SampleReader | null {
  if (code === FORMAT_PCM) {
    if (bits === 8) return (v, o) => (v.getUint8(o) - 128) / 128;
    if (bits === 16) return (v, o) => v.getInt16(o, true) / 32768;
    if (bits === 24) return (v, o) => ((v.getInt8(o + 2) << 16) | (v.getUint8(o + 1) << 8) | v.getUint8(o)) / 8388608;
    if (bits === 32) return (v, o) => v.getInt32(o, true) / 2147483648;
  }
  if (code === FORMAT_FLOAT) {
    if (bits === 32) return (v, o) => v.getFloat32(o, true);
    if (bits === 64) return (v, o) => v.getFloat64(o, true);
  }
  return null;
}

/** Averages the channels into one (stereo recordings given as one party). */
export function mixDown(channels: Float32Array[]): Float32Array {
  const [first] = channels;
  if (!first) throw new RangeError('mixDown: no channels to mix');
  if (channels.length === 1) return first;
  const out = new Float32Array(first.length);
  for (const ch of channels) {
    if (ch.length !== out.length) throw new RangeError('mixDown: channels differ in length');
    for (let i = 0; i < out.length; i++) out[i]! += ch[i]!;
  }
  const scale = 1 / channels.length;
  for (let i = 0; i < out.length; i++) out[i]! *= scale;
  return out;
}

/** Writes mono or multi-channel PCM16 (fixtures and tests). */
export function encodeWavPcm16(channels: Float32Array[], sampleRate: number): Uint8Array {
  const [first] = channels;
  if (!first) throw new RangeError('encodeWavPcm16: no channels to write');
  const frames = first.length;
  const n = channels.length;
  const bytes = new Uint8Array(44 + frames * n * 2);
  const view = new DataView(bytes.buffer);
  const put = (at: number, s: string) => [...s].forEach((ch, i) => (bytes[at + i] = ch.charCodeAt(0)));
  put(0, 'RIFF');
  view.setUint32(4, 36 + frames * n * 2, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, n, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * n * 2, true);
  view.setUint16(32, n * 2, true);
  view.setUint16(34, 16, true);
  put(36, 'data');
  view.setUint32(40, frames * n * 2, true);
  for (let i = 0, o = 44; i < frames; i++) {
    // A channel shorter than the first ends in silence.
    for (const channel of channels) {
      view.setInt16(o, Math.max(-32768, Math.min(32767, Math.round((channel[i] ?? 0) * 32767))), true);
      o += 2;
    }
  }
  return bytes;
}
