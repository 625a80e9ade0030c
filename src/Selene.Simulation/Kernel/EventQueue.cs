using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Selene.Simulation.Kernel;

/// <summary>
/// The kernel's pending events: a 4-ary min-heap ordered by (time, sequence), so events at the same time leave
/// in the order they were scheduled. The heap holds 16-byte keys (the time, and the sequence number with the
/// slot number in its low bits), so a node's four children share one cache line and a comparison needs no
/// other memory and no branch; the slot holds the target and state. Removal uses Floyd's
/// bottom-up sift: the hole sinks to a leaf along the smallest children and the last key rises from there,
/// which saves a comparison per level because the last key almost always belongs near the bottom.
/// </summary>
internal sealed class EventQueue
{
    private const int Arity = 4;
    private const int SlotBits = 27;
    private const long MaxSequence = long.MaxValue >> SlotBits;

    private Key[] _heap = new Key[256];
    private Slot[] _slots = new Slot[256];
    private int[] _freeSlots = new int[256];
    private int _freeCount;
    private int _count;

    public int Count => _count;

    public double PeekTime => _heap[0].Time;

    public void Enqueue(double time, long sequence, IEventTarget handler, object? state)
    {
        if (_count == _heap.Length)
        {
            Grow();
        }

        if (_count >= 1 << SlotBits || sequence > MaxSequence)
        {
            throw new InvalidOperationException($"the event queue holds at most {1 << SlotBits} events and {MaxSequence} in a run");
        }

        var slot = _freeCount > 0 ? _freeSlots[--_freeCount] : _count;
        _slots[slot] = new Slot(handler, state);
        SiftUp(_count++, new Key(time, (sequence << SlotBits) | (uint)slot));
    }

    public Entry Dequeue()
    {
        var heap = _heap;
        var top = heap[0];
        var slotIndex = (int)(top.SequenceAndSlot & ((1L << SlotBits) - 1));
        var slot = _slots[slotIndex];
        _slots[slotIndex] = default;
        _freeSlots[_freeCount++] = slotIndex;

        var last = heap[--_count];
        if (_count > 0)
        {
            var hole = SinkHoleToLeaf(heap);
            SiftUp(hole, last);
        }

        return new Entry(top.Time, top.SequenceAndSlot >> SlotBits, slot.Handler!, slot.State);
    }

    // Indices below are kept within [0, _count) by the loop conditions, so the hot loops index the array
    // through a reference and skip the bounds checks.
    private int SinkHoleToLeaf(Key[] heap)
    {
        ref var root = ref MemoryMarshal.GetArrayDataReference(heap);
        var count = _count;
        var hole = 0;
        while (true)
        {
            var first = (hole * Arity) + 1;
            if (first >= count)
            {
                return hole;
            }

            var best = first;
            var end = Math.Min(first + Arity, count);
            for (var child = first + 1; child < end; child++)
            {
                if (Before(Unsafe.Add(ref root, child), Unsafe.Add(ref root, best)))
                {
                    best = child;
                }
            }

            Unsafe.Add(ref root, hole) = Unsafe.Add(ref root, best);
            hole = best;
        }
    }

    private void SiftUp(int index, Key key)
    {
        ref var root = ref MemoryMarshal.GetArrayDataReference(_heap);
        while (index > 0)
        {
            var parent = (index - 1) / Arity;
            ref var parentKey = ref Unsafe.Add(ref root, parent);
            if (!Before(key, parentKey))
            {
                break;
            }

            Unsafe.Add(ref root, index) = parentKey;
            index = parent;
        }

        Unsafe.Add(ref root, index) = key;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Key a, in Key b) =>
        a.Time < b.Time || (a.Time == b.Time && a.SequenceAndSlot < b.SequenceAndSlot);

    private void Grow()
    {
        var size = _heap.Length * 2;
        Array.Resize(ref _heap, size);
        Array.Resize(ref _slots, size);
        Array.Resize(ref _freeSlots, size);
    }

    private readonly record struct Key(double Time, long SequenceAndSlot);

    private readonly record struct Slot(IEventTarget? Handler, object? State);

    internal readonly record struct Entry(double Time, long Sequence, IEventTarget Handler, object? State);
}
