using System.Globalization;
using System.Reflection;
using Selene.Core.Errors;

namespace Selene.Serving.Traces;

/// <summary>
/// Reads LLM request traces in the Azure LLM inference trace format: a header naming <c>TIMESTAMP</c>,
/// <c>ContextTokens</c> and <c>GeneratedTokens</c> (in any order, case ignored; other columns ignored), then one
/// request a line. A timestamp is a date and time (<c>2023-11-16 18:17:03.9799600</c>) or seconds; arrivals must
/// not go back in time; token counts are whole numbers, prompts ≥ 1 and outputs ≥ 1. Every problem is an
/// <see cref="InputException"/> naming the file, line and column.
/// </summary>
public static class TraceReader
{
    private const string Timestamp = "TIMESTAMP";
    private const string Context = "ContextTokens";
    private const string Generated = "GeneratedTokens";

    private static readonly Dictionary<string, LlmTrace> s_builtIn = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    /// <summary>The traces shipped with Selene (data/traces, CC-BY 4.0).</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["azure-conv-2023", "azure-code-2023"];

    /// <summary>
    /// The built-in trace <paramref name="nameOrPath"/>, or the file at that path (relative to
    /// <paramref name="baseDirectory"/>).
    /// </summary>
    public static LlmTrace Load(string nameOrPath, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (BuiltInNames.Contains(nameOrPath, StringComparer.OrdinalIgnoreCase))
        {
            return BuiltIn(nameOrPath.ToLowerInvariant());
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, nameOrPath));
        if (!File.Exists(path))
        {
            throw new InputException(InputDiagnostic.Error(nameOrPath, 0, 0, "", $"no such trace file (built-in traces: {string.Join(", ", BuiltInNames)})"));
        }

        using var reader = new StreamReader(path);
        return Read(reader, nameOrPath);
    }

    /// <summary>Reads a trace from <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    public static LlmTrace Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new InputException(InputDiagnostic.Error(file, 1, 0, "", $"empty trace: expected a header with {Timestamp}, {Context} and {Generated}"));
        }

        var columns = header.Split(',').Select(c => c.Trim()).ToList();
        int Column(string name)
        {
            var index = columns.FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index : throw new InputException(InputDiagnostic.Error(file, 1, 1, name, $"the header has no {name} column (it has {string.Join(", ", columns)})"));
        }

        var (time, prompt, output) = (Column(Timestamp), Column(Context), Column(Generated));
        var need = Math.Max(time, Math.Max(prompt, output)) + 1;
        var offsets = new List<double>();
        var prompts = new List<int>();
        var outputs = new List<int>();
        var errors = new List<InputDiagnostic>();
        double? first = null;
        var previous = double.NegativeInfinity;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length < need)
            {
                errors.Add(InputDiagnostic.Error(file, lineNumber, 1, "", $"expected at least {need} comma-separated values, got {cells.Length}"));
            }
            else
            {
                var at = ReadTime(cells[time], file, lineNumber, ColumnOf(cells, time), errors);
                var p = ReadTokens(cells[prompt], Context, file, lineNumber, ColumnOf(cells, prompt), errors);
                var o = ReadTokens(cells[output], Generated, file, lineNumber, ColumnOf(cells, output), errors);
                if (at is { } t && p is { } pt && o is { } ot)
                {
                    first ??= t;
                    if (t < previous)
                    {
                        errors.Add(InputDiagnostic.Error(file, lineNumber, ColumnOf(cells, time), Timestamp, "arrivals go back in time: each timestamp must be at or after the one before"));
                    }

                    previous = Math.Max(previous, t);
                    offsets.Add(t - first.Value);
                    prompts.Add(pt);
                    outputs.Add(ot);
                }
            }

            if (errors.Count >= 20)
            {
                break;
            }
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        if (offsets.Count == 0)
        {
            throw new InputException(InputDiagnostic.Error(file, lineNumber, 0, "", "the trace has no requests"));
        }

        return new LlmTrace(file, [.. offsets], [.. prompts], [.. outputs]);
    }

    private static LlmTrace BuiltIn(string name)
    {
        lock (s_lock)
        {
            if (!s_builtIn.TryGetValue(name, out var trace))
            {
                using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"traces/{name}.csv")
                    ?? throw new InvalidOperationException($"built-in trace {name} is missing from the assembly");
                using var reader = new StreamReader(stream);
                trace = Read(reader, name);
                s_builtIn[name] = trace;
            }

            return trace;
        }
    }

    private static int ColumnOf(string[] cells, int index) => 1 + cells.Take(index).Sum(c => c.Length + 1);

    private static double? ReadTime(string text, string file, int line, int column, List<InputDiagnostic> errors)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return seconds;
        }

        if (DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
        {
            return when.Ticks / (double)TimeSpan.TicksPerSecond;
        }

        errors.Add(InputDiagnostic.Error(file, line, column, Timestamp, $"expected a date and time or seconds, got '{trimmed}'"));
        return null;
    }

    private static int? ReadTokens(string text, string field, string file, int line, int column, List<InputDiagnostic> errors)
    {
        var trimmed = text.Trim();
        if (!long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var tokens))
        {
            errors.Add(InputDiagnostic.Error(file, line, column, field, $"expected a whole number of tokens, got '{trimmed}'"));
            return null;
        }

        if (tokens < 1 || tokens > 10_000_000)
        {
            errors.Add(InputDiagnostic.Error(file, line, column, field, tokens < 1 ? $"expected at least 1 token, got {tokens}" : $"{tokens} tokens is beyond any model's context"));
            return null;
        }

        return (int)tokens;
    }
}
