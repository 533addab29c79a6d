namespace Platform.Bench.OtlpSink;

/// <summary>
/// Just enough of the protobuf wire format to walk an OTLP export request without generated code:
/// every OTLP message is fields of (tag, value); embedded messages and strings are length-delimited,
/// so counting the entries of a repeated message field is skipping from one to the next.
/// </summary>
internal static class OtlpWire
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    /// <summary>Calls <paramref name="onField"/> for each length-delimited field of the message (field number, bytes).</summary>
    public static void ForEachMessageField(ReadOnlySpan<byte> message, MessageFieldVisitor onField)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case Varint:
                    ReadVarint(message, ref position);
                    break;
                case Fixed64:
                    position += 8;
                    break;
                case Fixed32:
                    position += 4;
                    break;
                case LengthDelimited:
                    var length = checked((int)ReadVarint(message, ref position));
                    if (length < 0 || position + length > message.Length)
                    {
                        throw new FormatException("A length-delimited field runs past the end of the message.");
                    }

                    onField(field, message.Slice(position, length));
                    position += length;
                    break;
                default:
                    throw new FormatException($"Unsupported wire type {tag & 7} in field {field}.");
            }
        }

        if (position != message.Length)
        {
            throw new FormatException("A fixed-size field runs past the end of the message.");
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new FormatException("A varint runs past the end of the message.");
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A varint is longer than 10 bytes.");
    }
}

/// <summary>A length-delimited field: its number and its bytes.</summary>
internal delegate void MessageFieldVisitor(int field, ReadOnlySpan<byte> value);
