namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary>The marked fixture program shared by the query tests: a main file and two imported modules.</summary>
internal static class Programs
{
    public const string Main = """
        import /*@geoAlias*/geo /*@geoPath*/"lib/geometry"
        import /*@utilPath*/"lib/util"
        var /*@counterDecl*/counter = 0
        // Adds two numbers.
        fn /*@addDecl*/add(/*@aDecl*/a, b) {
          return /*@aUse*/a + b
        }
        class /*@shapeDecl*/Shape {
          /*@shapeInit*/init(name) { this./*@nameField*/name = name }
          /*@describeDecl*/describe() { return this./*@nameUse*/name + str(/*@thisKw*/this./*@areaCall*/area()) }
          /*@areaDecl*/area() { return 0 }
        }
        class /*@squareDecl*/Square < /*@superRef*/Shape {
          init(side) { /*@superKw*/super./*@superInit*/init("square") this./*@sideField*/side = side }
          /*@areaOverride*/area() { return this./*@sideUse*/side * this.side }
        }
        fn /*@makeCounterDecl*/makeCounter() {
          var /*@nDecl*/n = 0
          return fn () { /*@nUpvalue*/n = n + 1 return n }
        }
        var sq = /*@squareUse*/Square(3)
        print sq./*@sqDescribe*/describe()
        print /*@geoUse*/geo./*@areaExport*/area(2, 3)
        print /*@addUse*/add(1, 2)
        print /*@lenUse*/len("abc")
        /*@counterUse*/counter = counter + 1
        print /*@utilUse*/util./*@helperUse*/helper()
        /*@putsUse*/util.puts
        """;

    public const string Geometry = """
        var /*@unitDecl*/unit = "cm"
        // The area of a w by h rectangle.
        fn /*@geoAreaDecl*/area(w, h) { return w * h }
        return {/*@areaKey*/area: /*@areaValue*/area, unit: unit}
        """;

    public const string Util = """
        // Writes a line to standard output.
        extern fn /*@putsDecl*/puts(s: cstring): int32
        fn /*@helperDecl*/helper() { return /*@putsCall*/puts("x") }
        return {helper: helper, puts: puts}
        """;

    public static MarkedWorkspace Create() => new(("main.sox", Main), ("lib/geometry.sox", Geometry), ("lib/util.sox", Util));
}
