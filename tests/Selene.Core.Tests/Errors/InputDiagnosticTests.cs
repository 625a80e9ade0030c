using Selene.Core.Errors;

namespace Selene.Core.Tests.Errors;

public class InputDiagnosticTests
{
    public static TheoryData<InputDiagnostic, string> Cases => new()
    {
        { InputDiagnostic.Error("s.yaml", 12, 5, "tenants[0].budget", "expected a duration"), "s.yaml:12:5: error: tenants[0].budget: expected a duration" },
        { InputDiagnostic.Warning("m.yaml", 14, 3, "spec.resources", "not a Node field"), "m.yaml:14:3: warning: spec.resources: not a Node field" },
        { InputDiagnostic.Error("s.yaml", 0, 0, "", "cannot read"), "s.yaml: error: cannot read" },
        { InputDiagnostic.Error("s.yaml", 3, 0, "seed", "missing"), "s.yaml:3: error: seed: missing" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_diagnostic_reads_like_a_compiler_message_naming_file_line_and_field(InputDiagnostic diagnostic, string expected) =>
        Assert.Equal(expected, diagnostic.ToString());

    [Fact]
    public void An_input_exception_carries_every_error_and_lists_them_in_its_message()
    {
        var errors = new[]
        {
            InputDiagnostic.Error("a.yaml", 1, 1, "x", "first"),
            InputDiagnostic.Error("a.yaml", 2, 1, "y", "second"),
        };
        var exception = new InputException(errors);
        Assert.Equal(errors, exception.Errors);
        Assert.Contains("a.yaml:1:1: error: x: first", exception.Message, StringComparison.Ordinal);
        Assert.Contains("a.yaml:2:1: error: y: second", exception.Message, StringComparison.Ordinal);
    }
}
