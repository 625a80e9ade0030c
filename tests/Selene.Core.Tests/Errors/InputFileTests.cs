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
}
