// Microphone level (both transports) and, for the WebSocket transport, PCM16 24 kHz capture and
// playback: over WebRTC the browser moves audio itself, over WebSocket the app has to.

const RATE = 24_000;

export class MicCapture {
  private readonly context = new AudioContext({ sampleRate: RATE });
  private readonly source: MediaStreamAudioSourceNode;
  private readonly analyser: AnalyserNode;
  private processor?: ScriptProcessorNode;
  private frame = 0;

  constructor(
    private readonly stream: MediaStream,
    onLevel: (level: number) => void,
  ) {
    this.source = this.context.createMediaStreamSource(stream);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 512;
    this.source.connect(this.analyser);
    const samples = new Float32Array(this.analyser.fftSize);
    const tick = () => {
      this.analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      // RMS on a rough log scale, 0..1: speech sits around the middle.
      onLevel(Math.min(1, Math.max(0, 1 + Math.log10(Math.sqrt(sum / samples.length) + 1e-6) / 3)));
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  /** Streams PCM16 chunks of the mic (ScriptProcessor: simple, and fine at this scale). */
  onPcm(send: (pcm: ArrayBuffer) => void) {
    this.processor = this.context.createScriptProcessor(2048, 1, 1);
    this.processor.onaudioprocess = (e) => {
      const input = e.inputBuffer.getChannelData(0);
      const pcm = new Int16Array(input.length);
      for (let i = 0; i < input.length; i++) pcm[i] = Math.max(-1, Math.min(1, input[i] ?? 0)) * 0x7fff;
      send(pcm.buffer);
    };
    this.source.connect(this.processor);
    this.processor.connect(this.context.destination);
  }

  close() {
    cancelAnimationFrame(this.frame);
    this.processor?.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
    void this.context.close();
  }
}

export class PcmPlayer {
  private readonly context = new AudioContext({ sampleRate: RATE });
  private readonly sources = new Set<AudioBufferSourceNode>();
  private playhead = 0;

  play(pcm16: ArrayBuffer, onIdle: () => void) {
    const ints = new Int16Array(pcm16);
    const buffer = this.context.createBuffer(1, ints.length, RATE);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < ints.length; i++) channel[i] = (ints[i] ?? 0) / 0x8000;
    const node = this.context.createBufferSource();
    node.buffer = buffer;
    node.connect(this.context.destination);
    this.playhead = Math.max(this.playhead, this.context.currentTime);
    node.start(this.playhead);
    this.playhead += buffer.duration;
    this.sources.add(node);
    node.onended = () => {
      this.sources.delete(node);
      if (this.sources.size === 0) onIdle();
    };
  }

  stop() {
    for (const node of this.sources) node.stop();
    this.sources.clear();
    this.playhead = 0;
  }

  close() {
    this.stop();
    void this.context.close();
  }
}
