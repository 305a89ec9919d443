package org.civicsafety.assessment.survey;

/** A survey indicator's value (0–100) for an area and its sample size (pooled: the subtree's samples). */
public record SurveyResult(double value, double sampleSize) {}
