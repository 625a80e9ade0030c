using System.Text.Json;
using Selene.Core.Errors;
using Selene.Simulation.Sweeps;

namespace Selene.Simulation.Tests.Sweeps;

/// <summary>Sweep files: validation with line and field, expansion in a fixed order, keys, and the summary's arithmetic.</summary>
public sealed class SweepPlanTests : IDisposable
{
    private const string Sweep = """
        scenario: earth-moon
        duration: 1h
        seeds: 5
        vary:
          - path: tenants[chat].arrivals.rateScale
            values: [1, 2, 4]
          - path: launches[cargo].every
            range: {from: 7d, to: 28d, steps: 4}
        combine: cross
        collect:
          - tenants[*].goodput
          - sites[shackleton-rim].utilisation
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("selene-sweep-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_cross_sweep_expands_into_variants_times_seeds_in_a_fixed_order()
    {
        var spec = SweepReader.Parse(Sweep, Path.Combine(_folder, "sweep.yaml"));
        var plan = SweepPlan.Create(spec, "1.0.0");

        Assert.Equal(60, plan.Runs.Count);
        Assert.Equal(12, plan.Variants);
        Assert.Equal(["7d", "14d", "21d", "28d"], spec.Vary[1].Values);
        // The first parameter varies slowest, the seed fastest; index i is the i-th run.
        Assert.Equal(Enumerable.Range(0, 60), plan.Runs.Select(r => r.Index));
        Assert.Equal(("tenants[chat].arrivals.rateScale", "2"), plan.Runs[20].Values[0]);
        Assert.Equal(("launches[cargo].every", "7d"), plan.Runs[20].Values[1]);
        Assert.Equal(20261128UL + 3, plan.Runs[23].Seed);
        Assert.Equal(60, plan.Runs.Select(r => r.Key).Distinct().Count());

        // The resolved scenario says what the run is, and names its manifests beside it.
        var run = plan.Runs[23];
        Assert.Contains("seed: 20261131", run.ScenarioYaml, StringComparison.Ordinal);
        Assert.Contains("duration: 1h", run.ScenarioYaml, StringComparison.Ordinal);
        Assert.Contains("every: 7d", run.ScenarioYaml, StringComparison.Ordinal);
        Assert.Contains("rateScale: 2", run.ScenarioYaml, StringComparison.Ordinal);
        Assert.All(run.Manifests.Keys, name => Assert.Contains($"manifest: {name}", run.ScenarioYaml, StringComparison.Ordinal));

        // The same sweep gives the same keys; another Selene version other keys.
        Assert.Equal(plan.Runs.Select(r => r.Key), SweepPlan.Create(spec, "1.0.0").Runs.Select(r => r.Key));
        Assert.DoesNotContain(plan.Runs[0].Key, SweepPlan.Create(spec, "1.0.1").Runs.Select(r => r.Key));
    }

    [Fact]
    public void Zip_takes_the_ith_values_together_and_listed_seeds_as_given()
    {
        var spec = SweepReader.Parse("""
            scenario: earth-moon
            seeds: [7, 11]
            vary:
              - path: tenants[chat].arrivals.rateScale
                values: [1, 2]
              - path: tenants[code].arrivals.rateScale
                values: [3, 4]
            combine: zip
            collect: [accounting.served]
            """, Path.Combine(_folder, "zip.yaml"));
        var plan = SweepPlan.Create(spec, "1.0.0");
        Assert.Equal(4, plan.Runs.Count);
        Assert.Equal([7UL, 11UL, 7UL, 11UL], plan.Runs.Select(r => r.Seed));
        Assert.Equal(["1/3", "1/3", "2/4", "2/4"], plan.Runs.Select(r => $"{r.Values[0].Value}/{r.Values[1].Value}"));
    }

    public static TheoryData<string, string, string, string, int> BadSweeps => new()
    {
        { "a vary path that names nothing", "tenants[chat].arrivals.rateScale", "tenants[chatt].arrivals.rateScale", "vary[0].path", 5 },
        { "a value of the wrong type", "values: [1, 2, 4]", "values: [1, lots, 4]", "vary[0].values", 6 },
        { "zero seeds", "seeds: 5", "seeds: 0", "seeds", 3 },
        { "an unknown metric", "- tenants[*].goodput", "- tenants[*].happiness", "collect[0]", 11 },
        { "a metric of a tenant the scenario lacks", "- tenants[*].goodput", "- tenants[search].goodput", "collect[0]", 11 },
        { "a range whose end is no duration", "range: {from: 7d, to: 28d, steps: 4}", "range: {from: 7d, to: soon, steps: 4}", "vary[1].range.from", 8 },
        { "a range of one step", "range: {from: 7d, to: 28d, steps: 4}", "range: {from: 7d, to: 28d, steps: 1}", "vary[1].range.steps", 8 },
        { "zip of unequal lists", "combine: cross", "combine: zip", "combine", 9 },
    };

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public void A_bad_sweep_is_refused_naming_line_and_field(string because, string find, string replace, string field, int line)
    {
        Assert.Contains(find, Sweep, StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => SweepReader.Parse(Sweep.Replace(find, replace, StringComparison.Ordinal), "sweep.yaml"));
        var found = error.Errors.FirstOrDefault(e => e.Field == field);
        Assert.True(found is not null, $"{because}: expected an error at {field}, got: {error.Message}");
        Assert.True(found.Line == line, $"{because}: line {found.Line}, expected {line}: {found}");
        Assert.Equal("sweep.yaml", found.File);
    }

    [Fact]
    public async Task The_summary_is_mean_standard_deviation_and_a_students_t_interval_over_seeds()
    {
        var spec = SweepReader.Parse("""
            scenario: earth-moon
            seeds: 5
            collect:
              - tenants[chat].goodput
            """, Path.Combine(_folder, "ci.yaml"));
        var plan = SweepPlan.Create(spec, "1.0.0");
        double[] goodput = [0.90, 0.95, 0.97, 0.99, 1.00];
        foreach (var (run, value) in plan.Runs.Zip(goodput))
        {
            var folder = SweepWorker.Folder(_folder, run);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(new { tenants = new[] { new { name = "chat", goodput = value } } }));
        }

        var results = SweepResults.Gather(plan, _folder);
        var summary = Assert.Single(results.Summary());
        // By hand: mean 4.81 / 5 = 0.962; squared deviations 0.003844 + 0.000144 + 0.000064 + 0.000784 + 0.001444 = 0.00628,
        // sd = √(0.00628 / 4) = 0.0396232; t(0.975, 4) = 2.776445; half-width 2.776445 × 0.0396232 / √5 = 0.0491987.
        Assert.Equal(5, summary.Runs);
        Assert.Equal(0.962, summary.Mean, 12);
        Assert.Equal(0.0396232, summary.StandardDeviation, 7);
        Assert.Equal(0.962 - 0.0491987, summary.Low, 6);
        Assert.Equal(0.962 + 0.0491987, summary.High, 6);

        // The Parquet table reads back as written: a column per collected metric, the seeds as given.
        using var parquet = new MemoryStream();
        await results.WriteParquetAsync(parquet);
        parquet.Position = 0;
        await using var reader = await Parquet.ParquetReader.CreateAsync(parquet);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
        var read = new double?[5];
        await group.ReadAsync(fields["tenants[chat].goodput"], read.AsMemory());
        Assert.Equal(goodput.Select(g => (double?)g), read);
        var seeds = new long[5];
        await group.ReadAsync(fields["seed"], seeds.AsMemory());
        Assert.Equal(plan.Runs.Select(r => (long)r.Seed), seeds);
    }

    // NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2 (upper critical values of Student's t).
    [Theory]
    [InlineData(0.975, 1, 12.706)]
    [InlineData(0.975, 4, 2.776)]
    [InlineData(0.975, 30, 2.042)]
    [InlineData(0.975, 60, 2.000)]
    [InlineData(0.975, 1_000_000, 1.960)]
    [InlineData(0.95, 2, 2.920)]
    [InlineData(0.95, 4, 2.132)]
    [InlineData(0.90, 9, 1.383)]
    [InlineData(0.99, 10, 2.764)]
    public void Students_t_quantiles_are_the_nist_tables(double probability, int degreesOfFreedom, double t) =>
        Assert.Equal(t, StudentT.Quantile(probability, degreesOfFreedom), 3);
}
