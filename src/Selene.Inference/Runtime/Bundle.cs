using System.Buffers.Binary;

namespace Selene.Inference.Runtime;

/// <summary>
/// A message on the link, in the manner of a DTN bundle (RFC 9171): an identity that makes a retransmitted copy
/// recognisable, when it was created and how long it lives, and its payload.
/// </summary>
/// <param name="Id">The request's identity; a reply carries its request's.</param>
/// <param name="IsReply">Whether this is a reply.</param>
/// <param name="CreatedUnixMilliseconds">When the request was created.</param>
/// <param name="LifetimeMilliseconds">How long after that it is still wanted.</param>
/// <param name="Payload">A tensor message, or for a failed request's reply the reason, in UTF-8.</param>
/// <param name="Failed">For a reply: the suffix could not run the request.</param>
public sealed record Bundle(long Id, bool IsReply, long CreatedUnixMilliseconds, long LifetimeMilliseconds, byte[] Payload, bool Failed = false)
{
    private const int HeaderLength = 8 + 1 + 8 + 8 + 4;

    /// <summary>When it stops being wanted.</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedUnixMilliseconds + LifetimeMilliseconds);

    /// <summary>Bytes on the wire.</summary>
    public int Length => HeaderLength + Payload.Length;

    /// <summary>The bundle as one frame: header, then payload.</summary>
    public byte[] ToFrame()
    {
        var frame = new byte[Length];
        BinaryPrimitives.WriteInt64LittleEndian(frame, Id);
        frame[8] = (byte)((IsReply ? 1 : 0) | (Failed ? 2 : 0));
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(9), CreatedUnixMilliseconds);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(17), LifetimeMilliseconds);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(25), Payload.Length);
        Payload.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>Reads a frame's header: the payload's length follows.</summary>
    public static (long Id, bool IsReply, bool Failed, long Created, long Lifetime, int PayloadLength) ReadHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderLength)
        {
            throw new InvalidDataException("a bundle header is 29 bytes");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header[25..]);
        if (length < 0)
        {
            throw new InvalidDataException("a bundle's payload length is negative");
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(header), (header[8] & 1) != 0, (header[8] & 2) != 0,
            BinaryPrimitives.ReadInt64LittleEndian(header[9..]), BinaryPrimitives.ReadInt64LittleEndian(header[17..]), length);
    }

    /// <summary>Bytes in a header.</summary>
    public static int HeaderBytes => HeaderLength;
}
