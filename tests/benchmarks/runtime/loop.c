/* A while loop over numbers: 30 million iterations summing i*2 (all doubles). */
#include <stdio.h>

static double sumDoubled(double n) {
    double sum = 0, i = 0;
    while (i < n) {
        sum = sum + i * 2;
        i = i + 1;
    }
    return sum;
}

int main(void) {
    printf("%.0f\n", sumDoubled(30000000));
    return 0;
}
