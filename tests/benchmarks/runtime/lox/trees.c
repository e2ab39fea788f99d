/* Trees in the Lox benchmark's shape: five children per node, eight levels deep, built once and walked
   recursively 100 times. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Tree Tree;
struct Tree {
    double depth;
    Tree* children[5];
};

static Tree* treeNew(double depth) {
    Tree* t = malloc(sizeof(Tree));
    t->depth = depth;
    for (int k = 0; k < 5; k++) t->children[k] = depth > 0 ? treeNew(depth - 1) : NULL;
    return t;
}

/* noipa: walk reads memory only, and gcc would otherwise call it once for all 100 iterations. */
static __attribute__((noipa)) double walk(const Tree* t) {
    if (t->depth == 0) return 0;
    return t->depth + walk(t->children[0]) + walk(t->children[1]) + walk(t->children[2]) +
           walk(t->children[3]) + walk(t->children[4]);
}

int main(void) {
    Tree* tree = treeNew(8);
    double total = 0;
    for (int i = 0; i < 100; i++) total = total + walk(tree);
    printf("%.0f\n", total);
    return 0;
}
