using System.Globalization;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// What a sweep's runs left in its folder, gathered: a row per finished run (index, key, seed, the varied values and the
/// collected metrics), the indexes missing and failed, and a summary per variant (mean, standard deviation and 95%
/// confidence interval over seeds) — written as CSV and Parquet.
/// </summary>
public sealed class SweepResults
{
    private static readonly string[] s_leading = ["index", "key", "variant", "seed"];
    private static readonly string[] s_summaryColumns = ["metric", "runs", "mean", "sd", "ci95_low", "ci95_high"];

    private SweepResults(SweepPlan plan, List<Row> rows, List<int> missing, List<(int Index, string Reason)> failed, List<string> columns)
    {
        Plan = plan;
        Rows = rows;
        Missing = missing;
        Failed = failed;
        Columns = columns;
    }

    /// <summary>The sweep.</summary>
    public SweepPlan Plan { get; }

    /// <summary>A row per finished run, by index.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>Indexes with neither metrics nor a recorded failure.</summary>
    public IReadOnlyList<int> Missing { get; }

    /// <summary>Indexes whose last attempt failed, with the reason.</summary>
    public IReadOnlyList<(int Index, string Reason)> Failed { get; }

    /// <summary>The collected metrics' columns, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Reads whatever runs of <paramref name="plan"/> exist under <paramref name="output"/>, from either executor.</summary>
    public static SweepResults Gather(SweepPlan plan, string output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rows = new List<Row>();
        var missing = new List<int>();
        var failed = new List<(int, string)>();
        var columns = new List<string>();
        foreach (var run in plan.Runs)
        {
            var folder = SweepWorker.Folder(output, run);
            var state = SweepWorker.StateOf(output, run);
            if (state == SweepWorker.RunState.Done)
            {
                using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var path in plan.Spec.Collect)
                {
                    foreach (var (column, value) in path.Read(metrics.RootElement).Values)
                    {
                        values[column] = value;
                        if (!columns.Contains(column))
                        {
                            columns.Add(column);
                        }
                    }
                }

                rows.Add(new Row(run, values));
            }
            else if (state == SweepWorker.RunState.Failed)
            {
                failed.Add((run.Index, SweepWorker.FailureReason(output, run) ?? "failed"));
            }
            else
            {
                missing.Add(run.Index);
            }
        }

        return new SweepResults(plan, rows, missing, failed, columns);
    }

    /// <summary>One row per finished run.</summary>
    public string Csv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', s_leading.Concat(Plan.Spec.Vary.Select(v => v.Path.Text)).Concat(Columns).Select(Quote)).Append('\n');
        foreach (var row in Rows)
        {
            csv.AppendJoin(',', new[] { row.Run.Index.ToString(CultureInfo.InvariantCulture), row.Run.Key, row.Run.Variant.ToString(CultureInfo.InvariantCulture), row.Run.Seed.ToString(CultureInfo.InvariantCulture) }
                .Concat(row.Run.Values.Select(v => Quote(v.Value)))
                .Concat(Columns.Select(c => row.Values.TryGetValue(c, out var x) ? x.ToString("R", CultureInfo.InvariantCulture) : "")))
                .Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Per variant and metric: runs, mean, standard deviation and the 95% confidence interval of the mean.</summary>
    public IReadOnlyList<SummaryRow> Summary()
    {
        var summary = new List<SummaryRow>();
        foreach (var variant in Rows.GroupBy(r => r.Run.Variant).OrderBy(g => g.Key))
        {
            foreach (var column in Columns)
            {
                var values = variant.Where(r => r.Values.ContainsKey(column)).Select(r => r.Values[column]).ToArray();
                if (values.Length == 0)
                {
                    continue;
                }

                var (mean, sd, half) = StudentT.Interval(values, 0.975);
                summary.Add(new SummaryRow(variant.Key, variant.First().Run.Values, column, values.Length, mean, sd, mean - half, mean + half));
            }
        }

        return summary;
    }

    /// <summary>The summary as CSV.</summary>
    public string SummaryCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Plan.Spec.Vary.Select(v => v.Path.Text).Prepend("variant").Concat(s_summaryColumns).Select(Quote)).Append('\n');
        foreach (var s in Summary())
        {
            csv.AppendJoin(',', new[] { s.Variant.ToString(CultureInfo.InvariantCulture) }.Concat(s.Values.Select(v => Quote(v.Value))).Append(Quote(s.Metric))
                .Concat(new[] { s.Runs, s.Mean, s.StandardDeviation, s.Low, s.High }.Select(x => double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture))))
                .Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The rows as a Parquet file: index, key, variant and seed, the varied values as strings, the metrics as doubles.</summary>
    public async Task WriteParquetAsync(Stream stream)
    {
        var fields = new List<DataField>
        {
            new DataField<int>("index"), new DataField<string>("key"), new DataField<int>("variant"), new DataField<long>("seed"),
        };
        fields.AddRange(Plan.Spec.Vary.Select(v => new DataField<string>(v.Path.Text)));
        fields.AddRange(Columns.Select(c => new DataField<double?>(c)));
        var schema = new ParquetSchema(fields.Cast<Field>().ToArray());
        await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], new ReadOnlyMemory<int>(Rows.Select(r => r.Run.Index).ToArray())).ConfigureAwait(false);
        await group.WriteAsync(fields[1], Rows.Select(r => r.Run.Key).ToArray()).ConfigureAwait(false);
        await group.WriteAsync(fields[2], new ReadOnlyMemory<int>(Rows.Select(r => r.Run.Variant).ToArray())).ConfigureAwait(false);
        await group.WriteAsync(fields[3], new ReadOnlyMemory<long>(Rows.Select(r => (long)r.Run.Seed).ToArray())).ConfigureAwait(false);
        for (var v = 0; v < Plan.Spec.Vary.Count; v++)
        {
            await group.WriteAsync(fields[4 + v], Rows.Select(r => r.Run.Values[v].Value).ToArray()).ConfigureAwait(false);
        }

        for (var c = 0; c < Columns.Count; c++)
        {
            var column = Columns[c];
            await group.WriteAsync(fields[4 + Plan.Spec.Vary.Count + c],
                new ReadOnlyMemory<double?>(Rows.Select(r => r.Values.TryGetValue(column, out var x) ? x : (double?)null).ToArray())).ConfigureAwait(false);
        }
    }

    /// <summary>A CSV field: quoted when it holds a comma or a quote.</summary>
    internal static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : text;

    /// <summary>A finished run and its collected metrics.</summary>
    public sealed record Row(SweepRun Run, IReadOnlyDictionary<string, double> Values);

    /// <summary>One variant's summary of one metric.</summary>
    public sealed record SummaryRow(int Variant, IReadOnlyList<(string Path, string Value)> Values, string Metric, int Runs, double Mean,
        double StandardDeviation, double Low, double High);
}
