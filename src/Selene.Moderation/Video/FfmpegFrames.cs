using System.Diagnostics;
using Selene.Moderation.Images;

namespace Selene.Moderation.Video;

/// <summary>
/// Frames of a video in a container Skia does not read (MP4, WebM, MOV, MKV, …), taken by ffmpeg at a fixed
/// rate and handed over as a stream of PNG images on its standard output.
/// </summary>
public static class FfmpegFrames
{
    /// <summary>The ffmpeg executable used: FFMPEG in the environment, else ffmpeg on the PATH.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("FFMPEG") is { Length: > 0 } path ? path : "ffmpeg";

    /// <summary>One frame every <paramref name="secondsPerSample"/> of the video at <paramref name="path"/>, with its time.</summary>
    /// <exception cref="ImageRejectedException">ffmpeg is missing or cannot read the file.</exception>
    public static IReadOnlyList<(double Seconds, RgbImage Frame)> Extract(string path, double secondsPerSample)
    {
        ArgumentNullException.ThrowIfNull(path);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-nostdin", "-i", path, "-vf", FormattableString.Invariant($"fps=1/{secondsPerSample}"), "-f", "image2pipe", "-vcodec", "png", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ImageRejectedException(path, "ffmpeg did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ImageRejectedException(path, $"not an image, and reading it as a video needs ffmpeg, which is not here ({e.Message})", e);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            var bytes = output.ToArray();
            if (process.ExitCode != 0 || bytes.Length == 0)
            {
                throw new ImageRejectedException(path, $"neither an image nor a video ffmpeg reads: {errors.Result.Trim()}");
            }

            return [.. Split(bytes).Select((png, i) => (i * secondsPerSample, ImageInput.Load(png, $"{path} frame {i}")))];
        }
    }

    // The PNGs one after another: each runs from its signature to the end of its IEND chunk.
    private static IEnumerable<byte[]> Split(byte[] stream)
    {
        var at = 0;
        while (at + 8 <= stream.Length)
        {
            var position = at + 8;
            while (position + 12 <= stream.Length)
            {
                var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(stream.AsSpan(position));
                var type = stream.AsSpan(position + 4, 4);
                position += 12 + length;
                if (type.SequenceEqual("IEND"u8))
                {
                    break;
                }
            }

            yield return stream[at..Math.Min(position, stream.Length)];
            at = position;
        }
    }
}
