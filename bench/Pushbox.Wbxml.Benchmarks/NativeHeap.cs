using System.Runtime.InteropServices;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// glibc's heap statistics, to tell how much native memory a libwbxml result holds: BenchmarkDotNet's
/// MemoryDiagnoser sees only the managed heap, where libwbxml allocates nothing.
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>Bytes of the C heap in use now (small chunks plus mmapped blocks), chunk overhead included.</summary>
    public static long InUse()
    {
        MallInfo2 info = MallInfo();
        return (long)info.Uordblks + (long)info.Hblkhd;
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static partial MallInfo2 MallInfo();

    /// <summary>struct mallinfo2 (glibc 2.33+): ten size_t fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }
}
