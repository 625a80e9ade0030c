using Selene.Core.Errors;
using Selene.Core.Yaml;
using Selene.Testing;
using YamlDotNet.RepresentationModel;

namespace Selene.Core.Tests.Yaml;

public sealed class YamlInputTests
{
    public static TheoryData<string, string, int, string, string> Hostile => new()
    {
        { "nesting 100,000 deep stops at the limit, in the field that nests", HostileYaml.Nested(100_000), 1, "name[0][0]", "nested more than 128 levels" },
        { "nesting 30,000 deep stops the same way", HostileYaml.Nested(30_000), 1, "name[0]", "nested more than 128 levels" },
        { "an alias bomb stops once its aliases stand for 100,000 nodes", HostileYaml.AliasBomb(), 5, "a4[", "aliases stand for more than 100,000 nodes" },
        { "a malformed flow mapping is located, not an escaped exception", HostileYaml.MalformedFlowMapping, 2, "a.b", "not valid YAML" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_yaml_is_an_input_error_naming_line_and_field(string because, string yaml, int line, string field, string message)
    {
        var error = Assert.Single(Assert.Throws<InputException>(() => YamlInput.Load(yaml, "hostile.yaml")).Errors);

        Assert.True(error.File == "hostile.yaml" && error.Line == line && error.Field.StartsWith(field, StringComparison.Ordinal)
            && error.Message.Contains(message, StringComparison.Ordinal), $"{because}: got {error}");
    }

    [Fact]
    public void Nesting_up_to_the_limit_and_ordinary_reuse_of_anchors_are_read()
    {
        // The top-level mapping is the first of the 128 levels.
        var deepest = YamlInput.Load(HostileYaml.Nested(127), "deep.yaml");
        var node = ((YamlMappingNode)deepest.Documents[0].RootNode).Children[new YamlScalarNode("name")];
        var depth = 1;
        while (node is YamlSequenceNode { Children.Count: 1 } list)
        {
            node = list.Children[0];
            depth++;
        }

        Assert.Equal(127, depth);
        var reused = YamlInput.Load("defaults: &d {cpu: 2, memory: 4Gi}\na: *d\nb: *d\n", "anchors.yaml");
        Assert.Equal(3, ((YamlMappingNode)reused.Documents[0].RootNode).Children.Count);
    }

    [Fact]
    public void The_limits_are_the_caller_s_to_set()
    {
        var strict = new YamlLimits { MaxDepth = 3, MaxAliasNodes = 5 };
        Assert.Contains("nested more than 3", Assert.Throws<InputException>(() => YamlInput.Load("a: [[[[1]]]]\n", "s.yaml", strict)).Message, StringComparison.Ordinal);
        Assert.Contains("more than 5 nodes", Assert.Throws<InputException>(() => YamlInput.Load("a: &a [1, 2, 3]\nb: [*a, *a]\n", "s.yaml", strict)).Message, StringComparison.Ordinal);
        Assert.Contains("larger than", Assert.Throws<InputException>(() => YamlInput.Load("a: 1\n", "s.yaml", new YamlLimits { MaxBytes = 3 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_document_of_a_stream_has_its_own_alias_budget()
    {
        var documents = string.Join("---\n", Enumerable.Repeat("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n", 3));
        Assert.Equal(3, YamlInput.Load(documents, "three.yaml", new YamlLimits { MaxAliasNodes = 100 }).Documents.Count);
    }
}
