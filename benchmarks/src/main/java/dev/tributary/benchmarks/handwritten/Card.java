package dev.tributary.benchmarks.handwritten;

/** A row of the card table. */
public record Card(
    String cardId, String holder, String tier, String homeCountry, double creditLimit) {}
