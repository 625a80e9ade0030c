using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Onnx;
using Selene.Inference.Models;
using Selene.Moderation.Audit;
using Selene.Moderation.Classifiers;
using Selene.Moderation.Filtering;
using Selene.Moderation.Pdq;
using Selene.Moderation.Policy;
using Selene.Moderation.Images;

namespace Selene.Moderation.Tests;

public sealed class ClassifierTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-classifiers-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_concept_score_is_the_cosine_of_the_images_embedding_and_the_concepts()
    {
        // An encoder that averages each normalised channel: a pure red image embeds as ImageNet-normalised (1, 0, 0).
        using var encoder = new ImageEncoder(Write("mean.onnx", ChannelMeanEncoder()));
        var expected = new[] { (1 - 0.485f) / 0.229f, (0 - 0.456f) / 0.224f, (0 - 0.406f) / 0.225f };
        var concepts = ConceptClassifier.Load(Write("concepts.json", """{"concepts": [{"name": "red", "threshold": 0.9, "embedding": [1, -1, -1]}, {"name": "grey", "threshold": 0.5, "embedding": [1, 1, 1]}]}"""), encoder.Dimension);
        var red = new RgbImage(16, 16, [.. Enumerable.Repeat<byte[]>([255, 0, 0], 16 * 16).SelectMany(p => p)]);

        var embedding = encoder.Encode(red);
        var signals = concepts.Signals(embedding);

        Assert.Equal(expected, embedding, new ToleranceComparer(1e-5f));
        var norm = Math.Sqrt(expected.Sum(v => v * v));
        Assert.Equal((expected[0] - expected[1] - expected[2]) / norm / Math.Sqrt(3), signals["concept.red"], 5);
        Assert.Equal(signals["concept.red"] - 0.9, signals["concepts"], 9);
    }

    [Fact]
    public void A_probe_over_ResNet18_features_scores_a_generated_image_and_the_policy_labels_it()
    {
        using var encoder = new ImageEncoder(BuiltInModels.Resolve("resnet18"));
        Assert.Equal(512, encoder.Dimension);
        var image = new RgbImage(224, 224);
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 224; x++)
            {
                image[x, y] = ((byte)x, (byte)y, (byte)((x * y) % 256));
            }
        }

        var embedding = encoder.Encode(image);
        // A probe reading feature 7 alone: its score is the logistic of that feature plus the bias.
        var weights = new float[512];
        weights[7] = 1;
        var probe = LinearProbe.Load(Write("probe.json", $"{{\"name\": \"generated\", \"bias\": 3, \"weights\": [{string.Join(",", weights)}]}}"), 512);
        Assert.Equal(1 / (1 + Math.Exp(-(embedding[7] + 3))), probe.Score(embedding), 6);

        var policy = ModerationPolicy.Parse("tenants:\n  default:\n    rules:\n      - {name: synthetic, signal: generated, atLeast: 0.9, action: allowWithLabel, label: AI-generated}\n", "policy.yaml");
        using var audit = AuditLog.Open(Path.Combine(_folder, "audit.db"));
        var moderator = new Moderator(PdqBank.Of([]), policy, audit, classifiers: [new EncoderSignals(encoder, null, [probe])]);
        var path = Path.Combine(_folder, "generated.png");
        File.WriteAllBytes(path, SkiaPixels.EncodePng(image));

        var outcome = moderator.Moderate(path);

        Assert.Equal((ModerationAction.AllowWithLabel, "AI-generated", true), (outcome.Decision!.Action, outcome.Decision.Label, outcome.Published));
        Assert.Contains("\"generated\":", Assert.Single(audit.For(path)).Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_do_not_fit_the_encoder_are_refused_naming_what_is_wrong()
    {
        Assert.Throws<InvalidDataException>(() => new ImageEncoder(Write("junk.onnx", "not a model"u8.ToArray())));
        var concepts = Assert.Throws<InvalidDataException>(() => ConceptClassifier.Load(Write("short.json", """{"concepts": [{"name": "nudity", "threshold": 0.2, "embedding": [1, 2]}]}"""), 512));
        Assert.Contains("concept nudity: embedding has 2 values; the encoder gives 512", concepts.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => LinearProbe.Load(Write("probe.json", """{"weights": [1, 2, 3], "bias": 0}"""), 512));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, System.Text.Encoding.UTF8.GetBytes(text));

    private static byte[] ChannelMeanEncoder()
    {
        var model = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "mean" } };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        model.Graph.Input.Add(Value("pixels", 1, 3, 8, 8));
        model.Graph.Output.Add(Value("embedding", 1, 3));
        var pool = new NodeProto { OpType = "GlobalAveragePool", Name = "pool" };
        pool.Input.Add("pixels");
        pool.Output.Add("pooled");
        var flatten = new NodeProto { OpType = "Flatten", Name = "flatten" };
        flatten.Input.Add("pooled");
        flatten.Output.Add("embedding");
        model.Graph.Node.Add(pool);
        model.Graph.Node.Add(flatten);
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name, params long[] shape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (var dim in shape)
        {
            tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
