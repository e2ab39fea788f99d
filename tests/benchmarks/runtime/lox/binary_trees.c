/* Binary trees in the Lox benchmark's shape: a constructor that builds the children, a recursive check, every
   tree freed after its check (C has no collector). */
#include <stdio.h>
#include <stdlib.h>

typedef struct Tree Tree;
struct Tree {
    double item;
    double depth;
    Tree* left;
    Tree* right;
};

static Tree* treeNew(double item, double depth) {
    Tree* t = malloc(sizeof(Tree));
    t->item = item;
    t->depth = depth;
    if (depth > 0) {
        double item2 = item + item;
        depth = depth - 1;
        t->left = treeNew(item2 - 1, depth);
        t->right = treeNew(item2, depth);
    } else {
        t->left = NULL;
        t->right = NULL;
    }
    return t;
}

static double treeCheck(const Tree* t) {
    if (t->left == NULL) return t->item;
    return t->item + treeCheck(t->left) - treeCheck(t->right);
}

static void treeFree(Tree* t) {
    if (t->left != NULL) {
        treeFree(t->left);
        treeFree(t->right);
    }
    free(t);
}

static double checkAndFree(Tree* t) {
    double result = treeCheck(t);
    treeFree(t);
    return result;
}

int main(void) {
    double minDepth = 4, maxDepth = 14, stretchDepth = maxDepth + 1;
    printf("stretch tree of depth %.0f check: %.0f\n", stretchDepth, checkAndFree(treeNew(0, stretchDepth)));
    Tree* longLived = treeNew(0, maxDepth);
    double iterations = 1;
    for (double d = 0; d < maxDepth; d = d + 1) iterations = iterations * 2;
    for (double depth = minDepth; depth < stretchDepth; depth = depth + 2) {
        double check = 0;
        for (double i = 1; i <= iterations; i = i + 1)
            check = check + checkAndFree(treeNew(i, depth)) + checkAndFree(treeNew(0 - i, depth));
        printf("%.0f trees of depth %.0f check: %.0f\n", iterations * 2, depth, check);
        iterations = iterations / 4;
    }
    printf("long lived tree of depth %.0f check: %.0f\n", maxDepth, checkAndFree(longLived));
    return 0;
}
