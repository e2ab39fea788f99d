// Every test runs several `dotnet` processes; classes run in parallel (two at a time on the 2-core machines we
// have), the methods of a class one after another.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
