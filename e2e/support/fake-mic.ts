import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHROMIUM_LAUNCH } from "./env";

/**
 * Chromium launch options with a fake microphone that says `phrase` once. The WAV must exist
 * before Chromium launches, so specs call this when they load (espeak-ng speaks, sox makes it
 * 48 kHz mono with a lead-in, for the call to connect, and trailing silence, so VAD ends the turn).
 */
export function fakeMicLaunchOptions(name: string, phrase = "which models do we have") {
  const dir = path.join(os.tmpdir(), `opencto-fake-mic-${name}`);
  const wav = path.join(dir, "speech.wav");
  mkdirSync(dir, { recursive: true });
  execFileSync("espeak-ng", ["-w", path.join(dir, "raw.wav"), phrase]);
  execFileSync("sox", [path.join(dir, "raw.wav"), "-r", "48000", "-c", "1", "-b", "16", wav, "pad", "1.5", "2"]);
  return {
    ...CHROMIUM_LAUNCH,
    args: [
      ...CHROMIUM_LAUNCH.args,
      "--autoplay-policy=no-user-gesture-required",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${wav}%noloop`,
    ],
  };
}
