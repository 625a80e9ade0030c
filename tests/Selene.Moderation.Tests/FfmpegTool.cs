using Selene.Moderation.Video;

namespace Selene.Moderation.Tests;

/// <summary>Runs Debian's ffmpeg for a test that makes its own media, failing the test with ffmpeg's own words.</summary>
internal static class FfmpegTool
{
    public static void Run(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(FfmpegFrames.Executable) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-y" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        System.Diagnostics.Process process;
        try
        {
            process = System.Diagnostics.Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"these tests make their videos and images with Debian's ffmpeg, which is not installed here ({FfmpegFrames.Executable}): apt-get install ffmpeg, or run the tests through .ci/run, which installs it");
            throw;
        }

        using var _ = process;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
    }
}
