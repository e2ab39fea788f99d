/* Binary trees (the Benchmarks Game shape, two trees per iteration as in its older
   version): about 6.3 million nodes from malloc, freed after each check. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct Tree { struct Tree* left; struct Tree* right; } Tree;

static Tree* bottomUp(int depth) {
    Tree* t = malloc(sizeof(Tree));
    t->left = depth == 0 ? NULL : bottomUp(depth - 1);
    t->right = depth == 0 ? NULL : bottomUp(depth - 1);
    return t;
}

static long check(const Tree* t) {
    if (t->left == NULL) return 1;
    return 1 + check(t->left) + check(t->right);
}

static void release(Tree* t) {
    if (t->left != NULL) { release(t->left); release(t->right); }
    free(t);
}

static long checkAndRelease(Tree* t) {
    long c = check(t);
    release(t);
    return c;
}

int main(void) {
    int minDepth = 4, maxDepth = 14, stretchDepth = maxDepth + 1;
    printf("stretch tree of depth %d check: %ld\n", stretchDepth, checkAndRelease(bottomUp(stretchDepth)));
    Tree* longLived = bottomUp(maxDepth);
    for (int depth = minDepth; depth <= maxDepth; depth += 2) {
        long iterations = 1L << (maxDepth - depth + minDepth);
        long sum = 0;
        for (long i = 0; i < iterations; i++)
            sum += checkAndRelease(bottomUp(depth)) + checkAndRelease(bottomUp(depth));
        printf("%ld trees of depth %d check: %ld\n", iterations * 2, depth, sum);
    }
    printf("long lived tree of depth %d check: %ld\n", maxDepth, checkAndRelease(longLived));
    return 0;
}
