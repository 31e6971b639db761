// The production run makes network namespaces, mounts and Unix file modes: Linux only (it skips elsewhere).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
