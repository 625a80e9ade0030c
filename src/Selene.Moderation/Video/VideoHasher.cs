using Selene.Moderation.Images;
using Selene.Moderation.Pdq;

namespace Selene.Moderation.Video;

/// <summary>
/// Frames of a moving image sampled in time and hashed one by one, in the manner of Meta's vPDQ: a frame every
/// <c>secondsPerSample</c> of play time, each with its PDQ hash and quality. An animated image (GIF, WebP) decodes here
/// with its own timing (SkiaSharp, frame by frame); video containers (MP4, WebM, MOV, …) through ffmpeg (<see cref="FfmpegFrames"/>).
/// </summary>
public static class VideoHasher
{
    /// <summary>The sampled frames of the file at <paramref name="path"/>: an animated image, or a video ffmpeg reads.</summary>
    /// <exception cref="ImageRejectedException">Neither.</exception>
    public static IReadOnlyList<VideoFrame> HashFile(string path, double secondsPerSample = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ImageInput.ReadBytes(path);
        if (ImageInput.IsImage(bytes))
        {
            return Hash(bytes, path, secondsPerSample);
        }

        var hashed = new List<VideoFrame>();
        foreach (var (seconds, frame) in FfmpegFrames.Extract(path, secondsPerSample))
        {
            var result = PdqHasher.Hash(frame);
            hashed.Add(new VideoFrame(hashed.Count, seconds, result.Hash, result.Quality));
        }

        return hashed;
    }

    /// <summary>The sampled frames of the animation in <paramref name="bytes"/>, named <paramref name="source"/>.</summary>
    /// <exception cref="ImageRejectedException">Not a whole, sane image.</exception>
    public static IReadOnlyList<VideoFrame> Hash(byte[] bytes, string source, double secondsPerSample = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(secondsPerSample);
        using var codec = ImageInput.Open(bytes, source);
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var canvas = new byte[4L * width * height];
        var frameInfo = codec.FrameInfo;
        var frames = new List<VideoFrame>();
        var time = 0.0;
        var nextSample = 0.0;
        for (var i = 0; i < Math.Max(1, codec.FrameCount); i++)
        {
            // Each frame is drawn over the one before it, as a player shows them.
            ImageInput.DecodeFrame(codec, i, i == 0 ? -1 : i - 1, canvas, source);
            if (time >= nextSample)
            {
                var result = PdqHasher.Hash(SkiaPixels.FromRgba(canvas, width, height, 4 * width));
                frames.Add(new VideoFrame(i, time, result.Hash, result.Quality));
                nextSample = time + secondsPerSample;
            }

            time += i < frameInfo.Length ? DelaySeconds(frameInfo[i].Duration) : 0.1;
        }

        return frames;
    }

    // A frame's display time, given in milliseconds; 1/10 s when none is given, as browsers show a GIF's zero delay.
    private static double DelaySeconds(int milliseconds) => milliseconds > 0 ? milliseconds / 1000.0 : 0.1;
}

/// <summary>A sampled frame: its index, its time from the start, and its hash.</summary>
public sealed record VideoFrame(int Index, double Seconds, PdqHash Hash, int Quality);
