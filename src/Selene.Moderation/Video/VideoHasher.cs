using Selene.Moderation.Images;
using Selene.Moderation.Pdq;
using SixLabors.ImageSharp;

namespace Selene.Moderation.Video;

/// <summary>
/// Frames of a moving image sampled in time and hashed one by one, in the manner of Meta's vPDQ: a frame every
/// <c>secondsPerSample</c> of play time, each with its PDQ hash and quality. Animated GIF decodes here with its own
/// timing (ImageSharp 2); video containers (MP4, WebM, MOV, …) through ffmpeg (<see cref="FfmpegFrames"/>).
/// </summary>
public static class VideoHasher
{
    /// <summary>The sampled frames of the file at <paramref name="path"/>: an animated image, or a video ffmpeg reads.</summary>
    /// <exception cref="ImageRejectedException">Neither.</exception>
    public static IReadOnlyList<VideoFrame> HashFile(string path, double secondsPerSample = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        if (Image.DetectFormat(bytes) is not null)
        {
            return Hash(bytes, path, secondsPerSample);
        }

        var hashed = new List<VideoFrame>();
        foreach (var (seconds, frame) in FfmpegFrames.Extract(path, secondsPerSample))
        {
            using (frame)
            {
                var result = PdqHasher.Hash(frame);
                hashed.Add(new VideoFrame(hashed.Count, seconds, result.Hash, result.Quality));
            }
        }

        return hashed;
    }

    /// <summary>The sampled frames of the animation in <paramref name="bytes"/>, named <paramref name="source"/>.</summary>
    /// <exception cref="ImageRejectedException">Not a whole, sane image.</exception>
    public static IReadOnlyList<VideoFrame> Hash(byte[] bytes, string source, double secondsPerSample = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(secondsPerSample);
        using var animation = ImageInput.Load(bytes, source);
        var frames = new List<VideoFrame>();
        var time = 0.0;
        var nextSample = 0.0;
        for (var i = 0; i < animation.Frames.Count; i++)
        {
            if (time >= nextSample)
            {
                using var frame = animation.Frames.CloneFrame(i);
                var result = PdqHasher.Hash(frame);
                frames.Add(new VideoFrame(i, time, result.Hash, result.Quality));
                nextSample = time + secondsPerSample;
            }

            time += DelaySeconds(animation.Frames[i].Metadata);
        }

        return frames;
    }

    // A frame's display time: a GIF gives it in hundredths of a second; 1/10 s when none is given.
    private static double DelaySeconds(SixLabors.ImageSharp.Metadata.ImageFrameMetadata metadata)
    {
        var delay = metadata.GetGifMetadata().FrameDelay / 100.0;
        return delay > 0 ? delay : 0.1;
    }
}

/// <summary>A sampled frame: its index, its time from the start, and its hash.</summary>
public sealed record VideoFrame(int Index, double Seconds, PdqHash Hash, int Quality);
