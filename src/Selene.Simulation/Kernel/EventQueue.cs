namespace Selene.Simulation.Kernel;

/// <summary>
/// The kernel's pending events: a 4-ary min-heap of structs ordered by (time, sequence), so events at the
/// same time leave in the order they were scheduled. A 4-ary heap halves the depth of a binary one and
/// keeps each node's children on one or two cache lines.
/// </summary>
internal sealed class EventQueue
{
    private const int Arity = 4;
    private Entry[] _heap = new Entry[256];
    private int _count;

    public int Count => _count;

    public double PeekTime => _heap[0].Time;

    public void Enqueue(double time, long sequence, IEventTarget handler, object? state)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var entry = new Entry(time, sequence, handler, state);
        var heap = _heap;
        var index = _count++;
        while (index > 0)
        {
            var parent = (index - 1) / Arity;
            if (!Before(entry, heap[parent]))
            {
                break;
            }

            heap[index] = heap[parent];
            index = parent;
        }

        heap[index] = entry;
    }

    public Entry Dequeue()
    {
        var heap = _heap;
        var top = heap[0];
        var last = heap[--_count];
        heap[_count] = default;
        if (_count > 0)
        {
            SiftDown(heap, last);
        }

        return top;
    }

    private void SiftDown(Entry[] heap, Entry moving)
    {
        var count = _count;
        var index = 0;
        while (true)
        {
            var first = (index * Arity) + 1;
            if (first >= count)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + Arity, count);
            for (var child = first + 1; child < end; child++)
            {
                if (Before(heap[child], heap[best]))
                {
                    best = child;
                }
            }

            if (!Before(heap[best], moving))
            {
                break;
            }

            heap[index] = heap[best];
            index = best;
        }

        heap[index] = moving;
    }

    private static bool Before(in Entry a, in Entry b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);

    internal readonly record struct Entry(double Time, long Sequence, IEventTarget Handler, object? State);
}
