using System.Runtime.InteropServices;

namespace Socialtjanst.Suite;

/// <summary>
/// The embedded default's data folder holds a signing key that mints a token for any kommun, the
/// development tokens and every database: only the user who runs the suite may read it. The process
/// creates files with mode 0600 and folders with 0700 (umask 077), and tightens what an earlier run
/// left looser.
/// </summary>
public static partial class OwnerOnly
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Apply(string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
            return; // NTFS permissions are inherited from the user's profile folder
        }

        _ = Umask(0b000_111_111); // 077: whatever this process creates from now on is its user's alone
        Directory.CreateDirectory(dataDirectory, Folder);
        System.IO.File.SetUnixFileMode(dataDirectory, Folder);
        foreach (var entry in Directory.EnumerateFileSystemEntries(dataDirectory, "*", SearchOption.AllDirectories))
        {
            System.IO.File.SetUnixFileMode(entry, Directory.Exists(entry) ? Folder : File);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
