// The part of @echogarden/fvad-wasm (libfvad compiled by Emscripten; the package ships no types)
// that the benchmark calls. libfvad's C API: fvad.h.
declare module '@echogarden/fvad-wasm' {
  export interface FvadModule {
    HEAP16: Int16Array;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
    _fvad_new(): number;
    _fvad_free(instance: number): void;
    /** 0 (quality) … 3 (very aggressive); 0 on success, -1 on a bad mode. */
    _fvad_set_mode(instance: number, mode: number): number;
    /** 8000, 16000, 32000 or 48000; 0 on success. */
    _fvad_set_sample_rate(instance: number, sampleRate: number): number;
    /** One 10, 20 or 30 ms frame of PCM16: 1 speech, 0 not, -1 error. */
    _fvad_process(instance: number, frame: number, length: number): number;
  }
  const createFvad: () => Promise<FvadModule>;
  export default createFvad;
}
