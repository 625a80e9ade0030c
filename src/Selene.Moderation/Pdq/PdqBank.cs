using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Selene.Moderation.Pdq;

/// <summary>
/// Known hashes to match against, indexed for Hamming search (multi-index hashing, Norouzi et al., as Meta's own PDQ
/// index does): each hash's sixteen 16-bit words key sixteen tables. Two hashes within distance d differ in some word
/// by at most ⌊d / 16⌋ bits, so a query looks up, in each table, every key within that many bits of its own word, and
/// checks the whole distance of what it finds. Each table keeps, beside each entry, the half of its hash that does
/// not hold the table's word: the distance over that half is a lower bound read from the table itself, in order, and
/// only an entry it does not rule out (for unrelated hashes, one in about 10⁸ at 31 bits) is looked up whole. Hashes
/// added after the index was built are searched one by one until the next <see cref="Rebuild"/>.
/// </summary>
public sealed class PdqBank
{
    private const int Words = 16;
    private const int Keys = 1 << 16;

    private PdqHash[] _hashes = [];
    private string?[] _labels = [];
    private int[] _offsets = new int[Words * (Keys + 1)];
    private int[][] _ids = [.. Enumerable.Range(0, Words).Select(_ => Array.Empty<int>())];
    private ulong[][] _sketches = [.. Enumerable.Range(0, Words).Select(_ => Array.Empty<ulong>())];
    private readonly List<(PdqHash Hash, string? Label)> _recent = [];
    private readonly Lock _gate = new();

    /// <summary>Hashes in the bank.</summary>
    public int Count => _hashes.Length + _recent.Count;

    /// <summary>A bank of <paramref name="hashes"/>, indexed.</summary>
    public static PdqBank Of(IEnumerable<PdqHash> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var bank = new PdqBank();
        bank.Index([.. hashes], null);
        return bank;
    }

    /// <summary>
    /// Reads a bank file: one hash per line, 64 hex digits as <c>selene pdq</c> prints them, optionally followed by a
    /// tab and a label; blank lines and lines starting with # are skipped.
    /// </summary>
    /// <exception cref="FormatException">A line that is not a hash, naming the file and line.</exception>
    public static PdqBank Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var hashes = new List<PdqHash>();
        var labels = new List<string?>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var cells = line.Split('\t', 2);
            try
            {
                hashes.Add(PdqHash.Parse(cells[0].Trim()));
            }
            catch (FormatException e)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: {e.Message}"), e);
            }

            labels.Add(cells.Length > 1 ? cells[1] : null);
        }

        var bank = new PdqBank();
        bank.Index([.. hashes], [.. labels]);
        return bank;
    }

    /// <summary>Adds a hash (a confirmed item's, say); it is found at once, and indexed at the next <see cref="Rebuild"/>.</summary>
    public void Add(PdqHash hash, string? label = null)
    {
        lock (_gate)
        {
            _recent.Add((hash, label));
        }
    }

    /// <summary>Indexes the hashes added since the last build.</summary>
    public void Rebuild()
    {
        lock (_gate)
        {
            if (_recent.Count == 0)
            {
                return;
            }

            Index([.. _hashes, .. _recent.Select(r => r.Hash)], [.. _labels, .. _recent.Select(r => r.Label)]);
            _recent.Clear();
        }
    }

    /// <summary>Every hash in the bank within <paramref name="threshold"/> bits (0–63; default 31) of <paramref name="query"/>, nearest first.</summary>
    public IReadOnlyList<PdqMatch> Match(PdqHash query, int threshold = 31)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 63);
        var matches = new List<PdqMatch>();
        var radius = threshold / Words;
        Span<int> keys = stackalloc int[KeysWithin(radius)];
        // Every bucket to scan first, and the start of each asked for from memory, so the waits for the tables'
        // scattered buckets overlap rather than come one after another.
        var perWord = KeysWithin(radius);
        Span<(int Start, int End)> buckets = stackalloc (int, int)[Words * perWord];
        for (var word = 0; word < Words; word++)
        {
            Neighbours(Word(query, word), radius, keys);
            var offsets = _offsets.AsSpan(word * (Keys + 1), Keys + 1);
            for (var k = 0; k < perWord; k++)
            {
                buckets[(word * perWord) + k] = (offsets[keys[k]], offsets[keys[k] + 1]);
            }
        }

        for (var b = 0; b < buckets.Length; b++)
        {
            if (buckets[b].End > buckets[b].Start)
            {
                Prefetch(_sketches[b / perWord], 2 * buckets[b].Start);
            }
        }

        for (var b = 0; b < buckets.Length; b++)
        {
            Scan(query, b / perWord, buckets[b].Start, buckets[b].End, threshold, matches);
        }

        return Finish(query, threshold, matches);
    }

    /// <summary>
    /// <see cref="Match"/> for many queries at once: each table's probes are sorted by key, so every table is read
    /// once, in order, for the whole batch, rather than jumped about in once per query. For throughput (a pipeline
    /// checking thousands of items); the answers are the same.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PdqMatch>> MatchBatch(IReadOnlyList<PdqHash> queries, int threshold = 31)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 63);
        var radius = threshold / Words;
        var perWord = KeysWithin(radius);
        var matches = queries.Select(_ => new List<PdqMatch>()).ToArray();
        var probes = new long[queries.Count * perWord];
        Span<int> keys = stackalloc int[perWord];
        for (var word = 0; word < Words; word++)
        {
            for (var q = 0; q < queries.Count; q++)
            {
                Neighbours(Word(queries[q], word), radius, keys);
                for (var k = 0; k < perWord; k++)
                {
                    probes[(q * perWord) + k] = ((long)keys[k] << 32) | (uint)q;
                }
            }

            Array.Sort(probes);
            var offsets = _offsets.AsSpan(word * (Keys + 1), Keys + 1);
            foreach (var probe in probes)
            {
                var (key, q) = ((int)(probe >> 32), (int)(probe & 0xFFFFFFFF));
                Scan(queries[q], word, offsets[key], offsets[key + 1], threshold, matches[q]);
            }
        }

        return [.. queries.Select((query, q) => Finish(query, threshold, matches[q]))];
    }

    // Positions [start, end) of a word's table: what the sketches do not rule out is checked whole.
    private void Scan(PdqHash query, int word, int start, int end, int threshold, List<PdqMatch> matches)
    {
        var ids = _ids[word];
        var sketches = _sketches[word];
        var (first, second) = OtherHalf(query, word);
        for (var position = Pass(sketches, start, end, first, second, threshold); position >= 0; position = Pass(sketches, position + 1, end, first, second, threshold))
        {
            var id = ids[position];
            var distance = query.DistanceTo(_hashes[id]);
            if (distance <= threshold && !matches.Exists(m => m.Index == id))
            {
                matches.Add(new PdqMatch(id, distance, _labels[id]));
            }
        }
    }

    // Adds the hashes not yet indexed, and orders the matches nearest first.
    private List<PdqMatch> Finish(PdqHash query, int threshold, List<PdqMatch> matches)
    {
        lock (_gate)
        {
            for (var i = 0; i < _recent.Count; i++)
            {
                var distance = query.DistanceTo(_recent[i].Hash);
                if (distance <= threshold)
                {
                    matches.Add(new PdqMatch(_hashes.Length + i, distance, _recent[i].Label));
                }
            }
        }

        matches.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Index.CompareTo(b.Index));
        return matches;
    }

    private void Index(PdqHash[] hashes, string?[]? labels)
    {
        var n = hashes.Length;
        var offsets = new int[Words * (Keys + 1)];
        var ids = new int[Words][];
        var sketches = new ulong[Words][];
        for (var word = 0; word < Words; word++)
        {
            // A counting sort of the hashes by this word: offsets[key] is where the key's run of ids starts.
            var table = offsets.AsSpan(word * (Keys + 1), Keys + 1);
            foreach (var hash in hashes)
            {
                table[Word(hash, word) + 1]++;
            }

            for (var key = 0; key < Keys; key++)
            {
                table[key + 1] += table[key];
            }

            var next = table[..Keys].ToArray();
            var run = ids[word] = new int[n];
            var sketch = sketches[word] = new ulong[2 * n];
            for (var id = 0; id < n; id++)
            {
                var position = next[Word(hashes[id], word)]++;
                run[position] = id;
                (sketch[2 * position], sketch[(2 * position) + 1]) = OtherHalf(hashes[id], word);
            }
        }

        (_hashes, _labels, _offsets, _ids, _sketches) = (hashes, labels ?? new string?[n], offsets, ids, sketches);
    }

    private static int Word(PdqHash hash, int word) =>
        (int)(((word >> 2) switch { 0 => hash.Bits0, 1 => hash.Bits1, 2 => hash.Bits2, _ => hash.Bits3 } >> ((word & 3) * 16)) & 0xFFFF);

    // The first position in [start, end) whose sketch the bound does not rule out, or −1: the scan every lookup spends
    // its time in, over the table's sketches in order, without bounds checks.
    private static int Pass(ulong[] sketches, int start, int end, ulong first, ulong second, int threshold)
    {
        ref var sketch = ref MemoryMarshal.GetArrayDataReference(sketches);
        for (var position = start; position < end; position++)
        {
            var pair = 2 * (nint)position;
            if (BitOperations.PopCount(first ^ Unsafe.Add(ref sketch, pair)) + BitOperations.PopCount(second ^ Unsafe.Add(ref sketch, pair + 1)) <= threshold)
            {
                return position;
            }
        }

        return -1;
    }

    private static unsafe void Prefetch(ulong[] array, int index)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref array[index]));
        }
    }

    // The two 64-bit quarters after the one that holds the word: 128 bits the table's key says nothing about.
    private static (ulong, ulong) OtherHalf(PdqHash hash, int word) => (word >> 2) switch
    {
        0 => (hash.Bits1, hash.Bits2),
        1 => (hash.Bits2, hash.Bits3),
        2 => (hash.Bits3, hash.Bits0),
        _ => (hash.Bits0, hash.Bits1),
    };

    private static int KeysWithin(int radius) => radius switch { 0 => 1, 1 => 17, 2 => 137, _ => 697 };

    // The keys within `radius` bits of `key` (up to 3), the key itself first.
    private static int Neighbours(int key, int radius, Span<int> keys)
    {
        var count = 0;
        keys[count++] = key;
        for (var a = 0; a < 16 && radius >= 1; a++)
        {
            keys[count++] = key ^ (1 << a);
            for (var b = a + 1; b < 16 && radius >= 2; b++)
            {
                keys[count++] = key ^ (1 << a) ^ (1 << b);
                for (var c = b + 1; c < 16 && radius >= 3; c++)
                {
                    keys[count++] = key ^ (1 << a) ^ (1 << b) ^ (1 << c);
                }
            }
        }

        return count;
    }
}

/// <summary>A bank hash within the threshold: its position in the bank, its distance, and its label.</summary>
public sealed record PdqMatch(int Index, int Distance, string? Label);
