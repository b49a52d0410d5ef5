using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Workiom.Benchmarks.BuildCost;

/// <summary>What one command cost: its exit code, output, wall time and the CPU time of its whole process tree.</summary>
public sealed record CommandCost(string CommandLine, int ExitCode, string Output, TimeSpan Wall, TimeSpan User, TimeSpan System)
{
    public TimeSpan Cpu => User + System;
}

/// <summary>
/// Runs <c>dotnet</c> as a child process and counts the CPU time (user + system) of it and every process it
/// waited for, from <c>getrusage(RUSAGE_CHILDREN)</c> before and after: the kernel adds a child's time, and
/// the times of the children it reaped, when its parent reaps it. Processes that outlive the command (a
/// build server, a reused MSBuild node) are not counted, so the callers turn them off. Linux only.
/// </summary>
public static class ChildProcess
{
    private const int RusageChildren = -1;

    public static CommandCost RunDotnet(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // As a user's shell: no MSBuild variables inherited from whatever started this process.
        foreach (string name in start.Environment.Keys.Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // Nothing that does work for the build may run outside the child's tree, where it would not be counted.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        string commandLine = "dotnet " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var before = ChildrenUsage();
        var clock = Stopwatch.StartNew();
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start " + commandLine);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{commandLine}' in {workingDirectory} did not finish within {timeout.TotalMinutes:0} min and was killed.\n{output}");
        }

        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        clock.Stop();
        var after = ChildrenUsage();
        lock (output)
        {
            return new CommandCost(commandLine, process.ExitCode, output.ToString(), clock.Elapsed,
                after.User - before.User, after.System - before.System);
        }
    }

    private static (TimeSpan User, TimeSpan System) ChildrenUsage()
    {
        long[] usage = new long[18];
        if (GetResourceUsage(RusageChildren, usage) != 0)
        {
            throw new InvalidOperationException("getrusage failed: " + Marshal.GetLastPInvokeErrorMessage());
        }

        return (TimeSpan.FromSeconds(usage[0]) + TimeSpan.FromMicroseconds(usage[1]),
            TimeSpan.FromSeconds(usage[2]) + TimeSpan.FromMicroseconds(usage[3]));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    /// <summary>
    /// Linux's <c>getrusage</c> into its 64-bit <c>struct rusage</c>, read as 18 <c>long</c>s: user time
    /// (seconds, microseconds), system time (seconds, microseconds), then fourteen counters.
    /// </summary>
    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, [Out] long[] usage);
}
