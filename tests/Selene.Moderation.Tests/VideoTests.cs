using Selene.Moderation.Video;
using Selene.Moderation.Images;

namespace Selene.Moderation.Tests;

public class VideoTests
{
    [Fact]
    public void A_re_encoded_copy_matches_while_another_video_and_a_half_clip_do_not()
    {
        var original = VideoHasher.Hash(Gif(Enumerable.Range(0, 10), degrade: false), "original.gif");
        // Re-encoded larger and softer, as a re-upload is.
        var copy = VideoHasher.Hash(Gif(Enumerable.Range(0, 10), degrade: true), "copy.gif");
        var other = VideoHasher.Hash(Gif(Enumerable.Range(20, 10), degrade: false), "other.gif");
        var clip = VideoHasher.Hash(Gif(Enumerable.Range(0, 5), degrade: false), "clip.gif");

        // Half a second a frame, a sample a second: frames 0, 2, 4, 6, 8.
        Assert.Equal([0, 2, 4, 6, 8], original.Select(f => f.Index));
        Assert.Equal([0.0, 1.0, 2.0, 3.0, 4.0], original.Select(f => f.Seconds));
        Assert.True(VideoMatcher.Compare(copy, original).Matches);
        Assert.False(VideoMatcher.Compare(other, original).Matches);
        var partial = VideoMatcher.Compare(clip, original);
        Assert.Equal((1.0, 0.6, false), (partial.QueryShare, partial.OtherShare, partial.Matches));
    }

    [Fact]
    public void An_MP4_and_its_re_encoding_at_another_size_match_through_ffmpeg_and_another_video_does_not()
    {
        // Videos made by ffmpeg itself (its testsrc2 and mandelbrot sources), 6 s at 10 frames a second.
        var folder = Directory.CreateTempSubdirectory("selene-video-").FullName;
        try
        {
            var original = Path.Combine(folder, "original.mp4");
            var copy = Path.Combine(folder, "copy.webm");
            var other = Path.Combine(folder, "other.mp4");
            FfmpegTool.Run("-f", "lavfi", "-i", "testsrc2=duration=6:size=320x240:rate=10", "-pix_fmt", "yuv420p", original);
            FfmpegTool.Run("-i", original, "-vf", "scale=480:360", "-c:v", "libvpx", "-b:v", "300k", copy);
            FfmpegTool.Run("-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=10", "-t", "6", "-pix_fmt", "yuv420p", other);

            var frames = VideoHasher.HashFile(original);
            Assert.Equal([0.0, 1.0, 2.0, 3.0, 4.0, 5.0], frames.Select(f => f.Seconds));
            Assert.True(VideoMatcher.Compare(VideoHasher.HashFile(copy), frames).Matches);
            Assert.False(VideoMatcher.Compare(VideoHasher.HashFile(other), frames).Matches);
            var junk = Path.Combine(folder, "junk.mp4");
            File.WriteAllText(junk, "not a video");
            Assert.Contains("neither an image nor a video", Assert.Throws<Selene.Moderation.Images.ImageRejectedException>(() => VideoHasher.HashFile(junk)).Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly string Reference = Selene.Testing.RepositoryPaths.PdqReference;

    // An animated GIF panning across a photograph (scene k: the crop at its own place; scenes from 20 on, another
    // photograph), half a second a frame; degraded: 1.5 times larger and blurred. ffmpeg writes the GIF, with a palette
    // made for its frames.
    private static byte[] Gif(IEnumerable<int> scenes, bool degrade)
    {
        var bridge = ImageInput.Load(Path.Combine(Reference, "bridge-mods", "aaa-orig.jpg"));
        var city = ImageInput.Load(Path.Combine(Reference, "misc-images", "c.png"));
        var (width, height) = degrade ? (240, 180) : (160, 120);
        var folder = Directory.CreateTempSubdirectory("selene-gif-").FullName;
        try
        {
            var index = 0;
            foreach (var scene in scenes)
            {
                var source = scene >= 20 ? city : bridge;
                var at = scene % 20;
                var frame = SkiaPixels.Resize(SkiaPixels.Crop(source, 60 * at, 40 * at, 400, 300), width, height);
                if (degrade)
                {
                    frame = SkiaPixels.Blur(frame, 1f);
                }

                File.WriteAllBytes(Path.Combine(folder, $"frame{index++:000}.png"), SkiaPixels.EncodePng(frame));
            }

            var gif = Path.Combine(folder, "animation.gif");
            FfmpegTool.Run("-framerate", "2", "-i", Path.Combine(folder, "frame%03d.png"), "-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse", gif);
            return File.ReadAllBytes(gif);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
