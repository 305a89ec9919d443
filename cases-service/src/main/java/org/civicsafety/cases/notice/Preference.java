package org.civicsafety.cases.notice;

/** A user's notice preferences, decrypted: channels, language ({@code zh-CN}, {@code en}) and own addresses. */
public record Preference(boolean sms, boolean email, String language, String emailAddress, String mobile) {}
