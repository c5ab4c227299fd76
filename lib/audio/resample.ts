// Sample-rate conversion for recordings whose two sides were saved at different rates. Offline
// quality: a windowed-sinc interpolator whose cut-off follows the lower of the two rates, so
// nothing above the new Nyquist folds back into the speech band.

/** Half-width of the interpolation kernel, in input samples at the cut-off. */
const KERNEL_HALF_WIDTH = 16;

export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input;
  const ratio = toRate / fromRate;
  const out = new Float32Array(Math.round(input.length * ratio));
  // Below 1 when downsampling: the kernel widens and its cut-off drops to the new Nyquist.
  const cutoff = Math.min(1, ratio);
  const halfWidth = Math.ceil(KERNEL_HALF_WIDTH / cutoff);
  for (let i = 0; i < out.length; i++) {
    const centre = i / ratio;
    const first = Math.max(0, Math.ceil(centre - halfWidth));
    const last = Math.min(input.length - 1, Math.floor(centre + halfWidth));
    let sum = 0;
    let weights = 0;
    for (let k = first; k <= last; k++) {
      const t = k - centre;
      const x = Math.PI * t * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(x) / x;
      const hann = 0.5 + 0.5 * Math.cos((Math.PI * t) / (halfWidth + 1));
      const w = sinc * hann;
      sum += input[k]! * w;
      weights += w;
    }
    out[i] = weights !== 0 ? sum / weights : 0;
  }
  return out;
}
