using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using K4os.Compression.LZ4;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Selene.Inference.Runtime;

/// <summary>
/// The tensors of one crossing, in one buffer: per tensor its name, element type, shape, codec and encoded elements.
/// Writing reads each tensor's elements once; reading decodes them into a buffer a session can run on.
/// </summary>
public static class TensorMessage
{
    private const uint Magic = 0x544E4C53; // "SLNT"

    /// <summary>Encodes <paramref name="tensors"/> (name, type, shape, raw elements) with <paramref name="codec"/>.</summary>
    public static byte[] Write(IEnumerable<(string Name, TensorElementType Type, long[] Shape, ReadOnlyMemory<byte> Raw)> tensors, TensorCodec codec)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        using var writer = new Writer(codec);
        foreach (var (name, type, shape, raw) in tensors)
        {
            writer.Add(name, type, shape, raw.Span);
        }

        return writer.ToArray();
    }

    /// <summary>Builds a message one tensor at a time, reading each tensor's elements once, where they lie.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly MemoryStream _stream = new();
        private readonly BinaryWriter _writer;
        private readonly TensorCodec _codec;
        private ushort _count;

        /// <summary>A message whose float tensors are encoded with <paramref name="codec"/> (others losslessly).</summary>
        public Writer(TensorCodec codec)
        {
            _codec = codec;
            _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
            _writer.Write(Magic);
            _writer.Write((ushort)0);
        }

        /// <summary>Appends a tensor.</summary>
        public void Add(string name, TensorElementType type, long[] shape, ReadOnlySpan<byte> raw)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(shape);
            _writer.Write(name);
            _writer.Write((int)type);
            _writer.Write((byte)shape.Length);
            foreach (var dim in shape)
            {
                _writer.Write(dim);
            }

            var used = type == TensorElementType.Float || _codec is TensorCodec.None or TensorCodec.Lz4 or TensorCodec.Zstd ? _codec : TensorCodec.None;
            _writer.Write((byte)used);
            _writer.Write(raw.Length);
            if (used == TensorCodec.None)
            {
                _writer.Write(0f);
                _writer.Write(0f);
                _writer.Write(raw.Length);
                _writer.Write(raw);
            }
            else
            {
                var encoded = Encode(raw, used, out var scale, out var offset);
                _writer.Write(scale);
                _writer.Write(offset);
                _writer.Write(encoded.Length);
                _writer.Write(encoded);
            }

            _count++;
        }

        /// <summary>The message.</summary>
        public byte[] ToArray()
        {
            _writer.Flush();
            var bytes = _stream.ToArray();
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), _count);
            return bytes;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _writer.Dispose();
            _stream.Dispose();
        }
    }

    /// <summary>Decodes a message.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole message.</exception>
    public static IReadOnlyList<TensorData> Read(ReadOnlySpan<byte> message)
    {
        var reader = new SpanReader(message);
        if (reader.UInt32() != Magic)
        {
            throw new InvalidDataException("not a tensor message");
        }

        var count = reader.UInt16();
        var tensors = new List<TensorData>(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.String();
            var type = (TensorElementType)reader.Int32();
            var shape = new long[reader.Byte()];
            for (var d = 0; d < shape.Length; d++)
            {
                shape[d] = reader.Int64();
            }

            var codec = (TensorCodec)reader.Byte();
            var rawLength = reader.Int32();
            var scale = reader.Single();
            var offset = reader.Single();
            var encoded = reader.Bytes(reader.Int32());
            tensors.Add(new TensorData(name, type, shape, Decode(encoded, codec, rawLength, scale, offset)));
        }

        return tensors;
    }

    private static byte[] Encode(ReadOnlySpan<byte> raw, TensorCodec codec, out float scale, out float offset)
    {
        scale = 0;
        offset = 0;
        switch (codec)
        {
            case TensorCodec.Lz4:
            {
                var target = new byte[LZ4Codec.MaximumOutputSize(raw.Length)];
                var written = LZ4Codec.Encode(raw, target, LZ4Level.L00_FAST);
                return target.AsSpan(0, written).ToArray();
            }

            case TensorCodec.Zstd:
            {
                using var compressor = new ZstdSharp.Compressor(3);
                return compressor.Wrap(raw).ToArray();
            }

            case TensorCodec.Fp16:
            {
                var floats = MemoryMarshal.Cast<byte, float>(raw);
                var halves = new Half[floats.Length];
                for (var i = 0; i < floats.Length; i++)
                {
                    halves[i] = (Half)floats[i];
                }

                return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
            }

            case TensorCodec.Int8Scaled:
            {
                var floats = MemoryMarshal.Cast<byte, float>(raw);
                var min = floats.IsEmpty ? 0 : float.PositiveInfinity;
                var max = floats.IsEmpty ? 0 : float.NegativeInfinity;
                foreach (var value in floats)
                {
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                }

                offset = min;
                scale = max > min ? (max - min) / 255f : 1f;
                var bytes = new byte[floats.Length];
                for (var i = 0; i < floats.Length; i++)
                {
                    bytes[i] = (byte)Math.Clamp(MathF.Round((floats[i] - offset) / scale), 0, 255);
                }

                return bytes;
            }

            default:
                return raw.ToArray();
        }
    }

    private static byte[] Decode(ReadOnlySpan<byte> encoded, TensorCodec codec, int rawLength, float scale, float offset)
    {
        var raw = new byte[rawLength];
        switch (codec)
        {
            case TensorCodec.None:
                Check(encoded.Length == rawLength);
                encoded.CopyTo(raw);
                break;
            case TensorCodec.Lz4:
                Check(LZ4Codec.Decode(encoded, raw) == rawLength);
                break;
            case TensorCodec.Zstd:
            {
                using var decompressor = new ZstdSharp.Decompressor();
                Check(decompressor.Unwrap(encoded, raw.AsSpan()) == rawLength);
                break;
            }

            case TensorCodec.Fp16:
            {
                var halves = MemoryMarshal.Cast<byte, Half>(encoded);
                var floats = MemoryMarshal.Cast<byte, float>(raw.AsSpan());
                Check(halves.Length == floats.Length);
                for (var i = 0; i < floats.Length; i++)
                {
                    floats[i] = (float)halves[i];
                }

                break;
            }

            case TensorCodec.Int8Scaled:
            {
                var floats = MemoryMarshal.Cast<byte, float>(raw.AsSpan());
                Check(encoded.Length == floats.Length);
                for (var i = 0; i < floats.Length; i++)
                {
                    floats[i] = offset + (encoded[i] * scale);
                }

                break;
            }

            default:
                throw new InvalidDataException($"unknown codec {(int)codec}");
        }

        return raw;
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidDataException("a tensor's encoded length does not match its shape");
        }
    }

    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public byte Byte() => Take(1)[0];

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public float Single() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

        public ReadOnlySpan<byte> Bytes(int length) => length < 0 ? throw new InvalidDataException("negative length") : Take(length);

        public string String()
        {
            // BinaryWriter's 7-bit encoded length prefix.
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = Byte();
                length |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    break;
                }

                if (shift > 28)
                {
                    throw new InvalidDataException("bad string length");
                }
            }

            return Encoding.UTF8.GetString(Take(length));
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _rest.Length)
            {
                throw new InvalidDataException("the message is truncated");
            }

            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }
    }
}
