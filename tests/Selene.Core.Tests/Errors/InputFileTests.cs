using Selene.Core.Errors;

namespace Selene.Core.Tests.Errors;

public sealed class InputFileTests
{
    [Fact]
    public void A_file_is_read_whole()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "name: x\nseed: 1\n");
            Assert.Equal("name: x\nseed: 1\n", InputFile.ReadText(path, "--scenario"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_input_error_naming_the_file_and_the_field_that_named_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"selene-missing-{Guid.NewGuid():N}.yaml");
        var error = Assert.Throws<InputException>(() => InputFile.ReadText(path, "--tokens", "cannot read the tokens")).Errors.Single();

        Assert.Equal((path, 0, "--tokens"), (error.File, error.Line, error.Field));
        Assert.StartsWith("cannot read the tokens: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_is_an_input_error_saying_so()
    {
        var folder = Directory.CreateTempSubdirectory("selene-folder-").FullName;
        try
        {
            var error = Assert.Throws<InputException>(() => InputFile.ReadText(folder, "--policy")).Errors.Single();
            Assert.Equal(("--policy", true), (error.Field, error.Message.Contains("a folder", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task A_device_is_never_read_and_a_pipe_is_never_opened()
    {
        Assert.Contains("not a regular file", Assert.Throws<InputException>(() => InputFile.ReadText("/dev/zero", "--model")).Message, StringComparison.Ordinal);

        var fifo = Path.Combine(Path.GetTempPath(), $"selene-fifo-{Guid.NewGuid():N}");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        try
        {
            // Opening a pipe with no writer would block for ever; the time-out makes that a failure, not a hang.
            var read = Task.Run(() => InputFile.ReadText(fifo, "-f"));
            var error = await Assert.ThrowsAsync<InputException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            Selene.Testing.HostileYaml.FileOfSize(path, (64L * 1024 * 1024) + 1);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InputException>(() => InputFile.ReadText(path, "SCENARIO")).Errors.Single();
            Assert.Contains("larger than the 64 MiB", error.Message, StringComparison.Ordinal);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "nothing of the file is read");
            Assert.Contains("larger than the 1,000 bytes", Assert.Throws<InputException>(() => InputFile.ReadText(path, "x", maxBytes: 1000)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
