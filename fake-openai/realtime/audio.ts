/** Audio helpers: a synthetic "voice" tone, G.711 µ-law, and a tiny energy-based VAD. */

export const OUTPUT_RATE = 24000;

/** A gently warbling tone with fades so it is audible but not a click; pcm16 at 24 kHz. */
export function synthesizeSpeech(durationMs: number, rate = OUTPUT_RATE): Int16Array {
  const n = Math.round((durationMs / 1000) * rate);
  const out = new Int16Array(n);
  const fade = Math.min(n / 2, rate * 0.02);
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const freq = 220 + 40 * Math.sin(2 * Math.PI * 3 * t);
    const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = Math.round(Math.sin(2 * Math.PI * freq * t) * 9000 * envelope);
  }
  return out;
}

export function speechDurationMs(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.min(4000, Math.max(600, words * 180));
}

export function pcm16ToBase64(samples: Int16Array): string {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString("base64");
}

export function base64ToPcm16(b64: string): Int16Array {
  const buf = Buffer.from(b64, "base64");
  const copy = new Uint8Array(buf.length - (buf.length % 2));
  copy.set(buf.subarray(0, copy.length));
  return new Int16Array(copy.buffer);
}

export function muLawDecode(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -magnitude : magnitude;
}

export function muLawEncode(sample: number): number {
  const BIAS = 0x84;
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(32635, Math.abs(sample)) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = ~(sign | (exponent << 4) | mantissa) & 0xff;
  return magnitude;
}

export function decodeMuLaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = muLawDecode(bytes[i] as number);
  return out;
}

export const MU_LAW_SILENCE = 0xff;

/** 24 kHz pcm16 → 8 kHz µ-law by averaging each group of three samples. */
export function pcm24kToMuLaw8k(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(Math.floor(samples.length / 3));
  for (let i = 0; i < out.length; i++) {
    const avg = ((samples[3 * i] ?? 0) + (samples[3 * i + 1] ?? 0) + (samples[3 * i + 2] ?? 0)) / 3;
    out[i] = muLawEncode(Math.round(avg));
  }
  return out;
}

export interface VadEvents {
  onSpeechStarted(audioStartMs: number): void;
  onSpeechStopped(audioEndMs: number): void;
}

/**
 * Energy VAD over 20 ms frames: speech starts at the first loud frame and stops after
 * `silenceMs` of quiet frames. Time is audio time (samples received), not wall time.
 */
export class EnergyVad {
  private receivedMs = 0;
  private inSpeech = false;
  private quietMs = 0;
  private pending: number[] = [];

  constructor(
    private readonly events: VadEvents,
    private readonly thresholdRms = 600,
    private readonly silenceMs = 500,
  ) {}

  push(samples: Int16Array, rate: number) {
    const frame = Math.round(rate * 0.02);
    for (const s of samples) {
      this.pending.push(s);
      if (this.pending.length < frame) continue;
      let sum = 0;
      for (const v of this.pending) sum += v * v;
      const rms = Math.sqrt(sum / this.pending.length);
      this.pending = [];
      this.receivedMs += 20;
      this.step(rms >= this.thresholdRms);
    }
  }

  private step(loud: boolean) {
    if (loud) {
      this.quietMs = 0;
      if (!this.inSpeech) {
        this.inSpeech = true;
        this.events.onSpeechStarted(Math.max(0, this.receivedMs - 20));
      }
      return;
    }
    if (!this.inSpeech) return;
    this.quietMs += 20;
    if (this.quietMs >= this.silenceMs) {
      this.inSpeech = false;
      this.quietMs = 0;
      this.events.onSpeechStopped(this.receivedMs);
    }
  }

  reset() {
    this.inSpeech = false;
    this.quietMs = 0;
    this.pending = [];
  }
}
