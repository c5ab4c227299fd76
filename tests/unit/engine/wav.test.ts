import { describe, expect, it } from 'vitest';
import { resample } from '../../../lib/audio/resample';
import { decodeWav, encodeWavPcm16, mixDown, WavError } from '../../../lib/audio/wav';

/** A WAV header + data built by hand, for encodings the encoder does not write. */
function wav(
  format: number,
  channels: number,
  rate: number,
  bits: number,
  data: Uint8Array,
  extensible = false,
): Uint8Array {
  const fmtSize = extensible ? 40 : 16;
  const out = new Uint8Array(12 + 8 + fmtSize + 8 + data.length);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, out.length - 8, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, fmtSize, true);
  v.setUint16(20, extensible ? 0xfffe : format, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, (rate * channels * bits) / 8, true);
  v.setUint16(32, (channels * bits) / 8, true);
  v.setUint16(34, bits, true);
  if (extensible) {
    v.setUint16(36, 22, true);
    v.setUint16(44, format, true); // first two bytes of the sub-format GUID
  }
  put(20 + fmtSize, 'data');
  v.setUint32(24 + fmtSize, data.length, true);
  out.set(data, 28 + fmtSize);
  return out;
}

describe('decodeWav', () => {
  it('round-trips PCM16 stereo at any rate', () => {
    const left = Float32Array.from({ length: 441 }, (_, i) => Math.sin(i / 10) * 0.5);
    const right = left.map((x) => -x);
    const out = decodeWav(encodeWavPcm16([left, right], 44100));
    expect(out.sampleRate).toBe(44100);
    expect(out.channels).toHaveLength(2);
    expect(out.encoding).toBe('pcm16');
    for (let i = 0; i < left.length; i++) {
      expect(out.channels[0]?.[i]).toBeCloseTo(left[i]!, 3);
      expect(out.channels[1]?.[i]).toBeCloseTo(right[i]!, 3);
    }
    expect(Math.max(...mixDown(out.channels).map(Math.abs))).toBeLessThan(1e-3);
  });

  it('reads 32-bit float (the AMI clips) and WAVE_FORMAT_EXTENSIBLE headers', () => {
    const data = new Uint8Array(new Float32Array([0.25, -0.5, 1]).buffer);
    expect(Array.from(decodeWav(wav(3, 1, 16000, 32, data)).channels[0] ?? [])).toEqual([0.25, -0.5, 1]);
    const ext = decodeWav(wav(3, 1, 8000, 32, data, true));
    expect(ext.encoding).toBe('float32');
    expect(ext.sampleRate).toBe(8000);
  });

  it('reads 24-bit and 8-bit PCM', () => {
    const pcm24 = new Uint8Array([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0]); // +0.5, -0.5
    expect(Array.from(decodeWav(wav(1, 1, 16000, 24, pcm24)).channels[0] ?? [])).toEqual([0.5, -0.5]);
    expect(Array.from(decodeWav(wav(1, 1, 16000, 8, new Uint8Array([128, 192]))).channels[0] ?? [])).toEqual([0, 0.5]);
  });

  it('refuses what it cannot read with a plain message', () => {
    expect(() => decodeWav(new TextEncoder().encode('hello, not audio'))).toThrow(
      new WavError('not a WAV file (no RIFF/WAVE header)'),
    );
    expect(() => decodeWav(wav(1, 1, 16000, 16, new Uint8Array(0)))).toThrow(/empty audio/);
    expect(() => decodeWav(wav(2, 1, 16000, 4, new Uint8Array(16)))).toThrow(
      /unsupported WAV encoding \(format 2, 4-bit\)/,
    );
    expect(() => decodeWav(wav(1, 1, 100, 16, new Uint8Array(16)))).toThrow(/unsupported sample rate/);
    const truncated = encodeWavPcm16([new Float32Array(100)], 16000).subarray(0, 30);
    expect(() => decodeWav(truncated)).toThrow(WavError);
  });

  it('takes what is there when a recorder left the data length unset', () => {
    const bytes = encodeWavPcm16([new Float32Array(160).fill(0.1)], 16000);
    new DataView(bytes.buffer).setUint32(40, 0, true);
    expect(decodeWav(bytes).channels[0]).toHaveLength(160);
  });
});

describe('resample', () => {
  it('keeps a tone in the speech band and its level across 48 → 16 kHz and 8 → 16 kHz', () => {
    const tone = (rate: number, sec: number) =>
      Float32Array.from({ length: rate * sec }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate));
    for (const [from, to] of [
      [48000, 16000],
      [8000, 16000],
      [44100, 16000],
    ] as const) {
      const out = resample(tone(from, 1), from, to);
      expect(out.length).toBe(to);
      const expected = tone(to, 1);
      let err = 0;
      for (let i = 100; i < to - 100; i++) err = Math.max(err, Math.abs(out[i]! - expected[i]!));
      expect(err, `${from} → ${to}`).toBeLessThan(0.01);
    }
  });

  it('removes what the new rate cannot carry instead of folding it into the speech band', () => {
    const high = Float32Array.from({ length: 48000 }, (_, i) => Math.sin((2 * Math.PI * 12000 * i) / 48000));
    const out = resample(high, 48000, 16000);
    const rms = Math.sqrt(out.slice(200, -200).reduce((s, v) => s + v * v, 0) / (out.length - 400));
    expect(rms).toBeLessThan(0.02);
  });
});
