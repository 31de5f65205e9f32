import type { FfprobeOutput, FfprobeStream } from './video-info';

function scaled(value: string, suffix: string): number {
  return Number(value) * (suffix === 'k' ? 1000 : 1);
}

/**
 * Reads the input description `ffmpeg -i INPUT` prints to stderr into the ffprobe JSON shape.
 * A fallback for when ffprobe itself fails (the npm ffprobe build crashes on some MPEG-TS
 * files): it knows less than ffprobe (no frame count), so `videoInfoFromProbe` estimates.
 */
export function parseFfmpegBanner(stderr: string): FfprobeOutput | undefined {
  const lines = stderr.split(/\r?\n/);
  const start = lines.findIndex((l) => /^Input #0, /.test(l));
  if (start < 0) return undefined;
  const formatName = /^Input #0, (.+?), from /.exec(lines[start])?.[1];
  const format: FfprobeOutput['format'] = { format_name: formatName };
  const streams: FfprobeStream[] = [];
  let current: FfprobeStream | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^(Input #[1-9]|Output #|Stream mapping)/.test(line)) break;
    const duration = /Duration: (?:(\d+):(\d\d):(\d\d(?:\.\d+)?)|N\/A)(?:, start: (-?\d+(?:\.\d+)?))?/.exec(line);
    if (duration) {
      if (duration[1] !== undefined) {
        format.duration = String(Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]));
      }
      if (duration[4] !== undefined) format.start_time = duration[4];
      continue;
    }
    const stream = /^\s*Stream #0:(\d+)(?:\[[^\]]*\])?(?:\([^)]*\))?: (\w+): (\w+)(.*)$/.exec(line);
    if (stream) {
      const [, index, type, codec, rest] = stream;
      current = { index: Number(index), codec_type: type.toLowerCase(), codec_name: codec };
      streams.push(current);
      // "0x31637661" is a codec tag, not a size: a size stands alone between separators.
      const size = /(?:^|[\s,])(\d+)x(\d+)(?=[\s,[]|$)/.exec(rest);
      if (size) {
        current.width = Number(size[1]);
        current.height = Number(size[2]);
      }
      const fps = /([\d.]+)(k?) fps/.exec(rest);
      if (fps) current.avg_frame_rate = String(scaled(fps[1], fps[2]));
      const tbr = /([\d.]+)(k?) tbr/.exec(rest);
      if (tbr) current.r_frame_rate = String(scaled(tbr[1], tbr[2]));
      const tbn = /([\d.]+)(k?) tbn/.exec(rest);
      if (tbn) current.time_base = `1/${scaled(tbn[1], tbn[2])}`;
      if (/\(attached pic\)/.test(rest)) current.disposition = { attached_pic: 1 };
      continue;
    }
    if (!current) continue;
    const rotate = /^\s+rotate\s*:\s*(-?\d+(?:\.\d+)?)/.exec(line);
    if (rotate) current.tags = { ...current.tags, rotate: rotate[1] };
    const matrix = /displaymatrix: rotation of (-?\d+(?:\.\d+)?) degrees/.exec(line);
    if (matrix) current.side_data_list = [{ side_data_type: 'Display Matrix', rotation: Number(matrix[1]) }];
  }
  return { format, streams };
}
