namespace Selene.Serving.Engine;

/// <summary>A ring-buffer double-ended queue: arrivals join at the tail, preempted requests go back to the head.</summary>
internal sealed class RequestDeque
{
    private EngineRequest[] _items = new EngineRequest[16];
    private int _head;

    public int Count { get; private set; }

    public EngineRequest PeekFirst() => _items[_head];

    public void AddLast(EngineRequest request)
    {
        Grow();
        _items[(_head + Count) & (_items.Length - 1)] = request;
        Count++;
    }

    public void AddFirst(EngineRequest request)
    {
        Grow();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = request;
        Count++;
    }

    public EngineRequest RemoveFirst()
    {
        var item = _items[_head];
        _items[_head] = null!;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return item;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        Count = 0;
    }

    private void Grow()
    {
        if (Count < _items.Length)
        {
            return;
        }

        var bigger = new EngineRequest[_items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }
}
