package org.civicsafety.cases.common;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import java.util.Map;

/** Problem titles in the caller's language: zh-CN unless {@code Accept-Language} prefers English. */
final class ProblemTitles {

    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("validation", "请求无效"),
            Map.entry("malformed-json", "JSON 格式错误"),
            Map.entry("unauthorized", "未认证"),
            Map.entry("forbidden", "无权操作"),
            Map.entry("not-found", "未找到"),
            Map.entry("illegal-transition", "当前状态不允许该操作"),
            Map.entry("precondition-failed", "版本已变化"),
            Map.entry("idempotency-key-reused", "幂等键已用于不同的请求"),
            Map.entry("concurrent-change", "并发修改"),
            Map.entry("conflict", "冲突"),
            Map.entry("case-closed", "案件已办结"),
            Map.entry("unavailable", "服务暂不可用"),
            Map.entry("payload-too-large", "内容过大"),
            Map.entry("unsupported-media-type", "不支持的媒体类型"),
            Map.entry("method-not-allowed", "不允许的方法"),
            Map.entry("not-acceptable", "无法提供所需格式"),
            Map.entry("bad-request", "请求错误"),
            Map.entry("internal", "内部错误"));

    private ProblemTitles() { }

    static String title(String slug, String english, HttpHeaders headers) {
        return prefersEnglish(headers) ? english : ZH.getOrDefault(slug, english);
    }

    private static boolean prefersEnglish(HttpHeaders headers) {
        if (headers == null) {
            return false;
        }
        for (Locale l : headers.getAcceptableLanguages()) {
            if (l.getLanguage().equals("en")) {
                return true;
            }
            if (l.getLanguage().equals("zh") || l.getLanguage().equals("*")) {
                return false;
            }
        }
        return false;
    }
}
