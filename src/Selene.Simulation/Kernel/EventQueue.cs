using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Selene.Simulation.Kernel;

/// <summary>
/// The kernel's pending events: an 8-ary min-heap ordered by (time, sequence), so events at the same time
/// leave in the order they were scheduled. Times sit in an array of their own, so a node's eight children's
/// times are 64 contiguous bytes that two 256-bit vector compares cover (512-bit ones measured slower here, as
/// they lower the clock of cores that throttle for them); beside them, the sequence number
/// with the slot number in its low bits breaks ties, and the slot holds the target and state. Removal uses
/// Floyd's bottom-up sift: the hole sinks to a leaf along the earliest children and the last key rises from
/// there, which saves a comparison per level because the last key almost always belongs near the bottom.
/// </summary>
internal sealed class EventQueue
{
    private const int Arity = 8;
    private const int SlotBits = 27;
    private const long MaxSequence = long.MaxValue >> SlotBits;

    private double[] _times = new double[256];
    private long[] _order = new long[256];
    private Slot[] _slots = new Slot[256];
    private int[] _freeSlots = new int[256];
    private int _freeCount;
    private int _count;

    public int Count => _count;

    public double PeekTime => _times[0];

    public void Enqueue(double time, long sequence, IEventTarget handler, object? state)
    {
        if (_count == _times.Length)
        {
            Grow();
        }

        if (_count >= 1 << SlotBits || sequence > MaxSequence)
        {
            throw new InvalidOperationException($"the event queue holds at most {1 << SlotBits} events and {MaxSequence} in a run");
        }

        var slot = _freeCount > 0 ? _freeSlots[--_freeCount] : _count;
        _slots[slot] = new Slot(handler, state);
        SiftUp(_count++, time, (sequence << SlotBits) | (uint)slot);
    }

    public Entry Dequeue()
    {
        var time = _times[0];
        var order = _order[0];
        var slotIndex = (int)(order & ((1L << SlotBits) - 1));
        var slot = _slots[slotIndex];
        _slots[slotIndex] = default;
        _freeSlots[_freeCount++] = slotIndex;

        var last = --_count;
        if (last > 0)
        {
            var hole = SinkHoleToLeaf();
            SiftUp(hole, _times[last], _order[last]);
        }

        return new Entry(time, order >> SlotBits, slot.Handler!, slot.State);
    }

    // Indices below stay within [0, _count) by the loop conditions, so the loops index the arrays through
    // references and skip the bounds checks.
    private int SinkHoleToLeaf()
    {
        ref var times = ref MemoryMarshal.GetArrayDataReference(_times);
        ref var order = ref MemoryMarshal.GetArrayDataReference(_order);
        var count = _count;
        var hole = 0;
        while (true)
        {
            var first = (hole * Arity) + 1;
            if (first >= count)
            {
                return hole;
            }

            var best = first + Arity <= count ? EarliestOfEight(ref times, ref order, first) : EarliestOf(ref times, ref order, first, count);
            Unsafe.Add(ref times, hole) = Unsafe.Add(ref times, best);
            Unsafe.Add(ref order, hole) = Unsafe.Add(ref order, best);
            hole = best;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EarliestOfEight(ref double times, ref long order, int first)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var low = Vector256.LoadUnsafe(ref times, (nuint)first);
            var high = Vector256.LoadUnsafe(ref times, (nuint)(first + 4));
            var pairs = Vector256.Min(low, high);
            var quads = Vector128.Min(pairs.GetLower(), pairs.GetUpper());
            var earliest = Vector256.Create(Math.Min(quads.GetElement(0), quads.GetElement(1)));
            var matches = Vector256.Equals(low, earliest).ExtractMostSignificantBits()
                | (Vector256.Equals(high, earliest).ExtractMostSignificantBits() << 4);
            // One match is the rule; equal times among siblings (rare) are ordered by sequence.
            return (matches & (matches - 1)) == 0
                ? first + BitOperations.TrailingZeroCount(matches)
                : EarliestOf(ref times, ref order, first, first + Arity);
        }

        return EarliestOf(ref times, ref order, first, first + Arity);
    }

    private static int EarliestOf(ref double times, ref long order, int first, int end)
    {
        var best = first;
        for (var child = first + 1; child < end; child++)
        {
            if (Before(Unsafe.Add(ref times, child), Unsafe.Add(ref order, child), Unsafe.Add(ref times, best), Unsafe.Add(ref order, best)))
            {
                best = child;
            }
        }

        return best;
    }

    private void SiftUp(int index, double time, long order)
    {
        ref var times = ref MemoryMarshal.GetArrayDataReference(_times);
        ref var orders = ref MemoryMarshal.GetArrayDataReference(_order);
        while (index > 0)
        {
            var parent = (index - 1) / Arity;
            var parentTime = Unsafe.Add(ref times, parent);
            var parentOrder = Unsafe.Add(ref orders, parent);
            if (!Before(time, order, parentTime, parentOrder))
            {
                break;
            }

            Unsafe.Add(ref times, index) = parentTime;
            Unsafe.Add(ref orders, index) = parentOrder;
            index = parent;
        }

        Unsafe.Add(ref times, index) = time;
        Unsafe.Add(ref orders, index) = order;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(double timeA, long orderA, double timeB, long orderB) =>
        timeA < timeB || (timeA == timeB && orderA < orderB);

    private void Grow()
    {
        var size = _times.Length * 2;
        Array.Resize(ref _times, size);
        Array.Resize(ref _order, size);
        Array.Resize(ref _slots, size);
        Array.Resize(ref _freeSlots, size);
    }

    private readonly record struct Slot(IEventTarget? Handler, object? State);

    internal readonly record struct Entry(double Time, long Sequence, IEventTarget Handler, object? State);
}
