using System.Buffers.Binary;
using System.Text;

namespace FlagService.Evaluation;

/// <summary>MurmurHash3 x86 32-bit (Austin Appleby's public-domain algorithm), the hash flagd buckets with.</summary>
public static class Murmur3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/> with seed 0, as flagd does.</summary>
    public static uint Hash32(string text) => Hash32(Encoding.UTF8.GetBytes(text), 0);

    /// <summary>Hashes <paramref name="data"/> with the given seed.</summary>
    public static uint Hash32(ReadOnlySpan<byte> data, uint seed)
    {
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= C1;
            k = uint.RotateLeft(k, 15);
            k *= C2;
            h ^= k;
            h = uint.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }

        var tail = data[(blocks * 4)..];
        uint k1 = 0;
        switch (tail.Length)
        {
            case 3:
                k1 ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k1 ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k1 ^= tail[0];
                k1 *= C1;
                k1 = uint.RotateLeft(k1, 15);
                k1 *= C2;
                h ^= k1;
                break;
        }

        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
