//! The i18n layer: the language of a page, and the machinery of the word catalogues.
//!
//! Each feature owns its words in its `texts.rs`: a [`catalogue!`] whose every entry gives the
//! Chinese and the English side by side (a missing translation does not compile), and a
//! [`refusals!`](crate::refusals) enum with a sentence for every way its forms are refused.
//! Enums name their values with a `label(locale)` method. The words shared by every page (the
//! header, the footer, the errors) are the [`CommonTexts`] below, which every feature's
//! catalogue reaches through `Deref`.
//!
//! The strings are picked on the server, so none of this reaches the WASM unless an island
//! asks for it (islands receive their strings as props). The language is the `jiesu_lang`
//! cookie's, otherwise zh-CN; it is never guessed from Accept-Language (shared community
//! devices and headless browsers send en-US).

use serde::{Deserialize, Serialize};

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "jiesu_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag: `<html lang>`, the cookie value and the `/lang/{tag}` route.
    pub fn tag(self) -> &'static str {
        self.pick(("zh-CN", "en"))
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// The locale named by the `jiesu_lang` cookie in a `Cookie` header, or zh-CN.
    pub fn from_cookie_header(header: &str) -> Locale {
        cookie_value(header, LANG_COOKIE)
            .and_then(Locale::from_tag)
            .unwrap_or_default()
    }

    /// The other language: what the switch in the header offers.
    pub fn other(self) -> Locale {
        self.pick((Locale::En, Locale::ZhCn))
    }

    /// The one of a pair written `(zh-CN, en)` in this language.
    pub fn pick<T>(self, (zh, en): (T, T)) -> T {
        match self {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }

    /// The shared words in this language.
    pub fn texts(self) -> &'static CommonTexts {
        CommonTexts::of(self)
    }
}

/// Declares a feature's catalogue: a struct of words, each entry written
/// `name = "中文", "English";` (or `name: Type = zh, en;` for a non-string entry such as a
/// `fn(&str) -> String` that fills in a placeholder), which reaches the shared
/// [`CommonTexts`] through `Deref`.
#[macro_export]
macro_rules! catalogue {
    (
        @root
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident $(: $ty:ty)? = $zh:expr, $en:expr; )*
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$field_meta])* pub $field: $crate::catalogue!(@type $($ty)?), )*
        }

        /// The shared words: zh-CN, then English.
        pub static COMMON: [$name; 2] = [
            $name { $( $field: $zh, )* },
            $name { $( $field: $en, )* },
        ];

        impl $name {
            /// The words in `locale`.
            pub fn of(locale: $crate::i18n::Locale) -> &'static Self {
                locale.pick((&COMMON[0], &COMMON[1]))
            }

            /// The words in the language of the page being rendered.
            pub fn here() -> &'static Self {
                Self::of($crate::i18n::use_locale())
            }

            /// The language of these words.
            pub fn locale(&self) -> $crate::i18n::Locale {
                if ::std::ptr::eq(self, &COMMON[0]) {
                    $crate::i18n::Locale::ZhCn
                } else {
                    $crate::i18n::Locale::En
                }
            }
        }
    };
    (@type) => { &'static str };
    (@type $ty:ty) => { $ty };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident $(: $ty:ty)? = $zh:expr, $en:expr; )*
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            common: &'static $crate::i18n::CommonTexts,
            $( $(#[$field_meta])* pub $field: $crate::catalogue!(@type $($ty)?), )*
        }

        impl $name {
            /// The words in `locale`.
            pub fn of(locale: $crate::i18n::Locale) -> &'static Self {
                static BOTH: [$name; 2] = [
                    $name { common: &$crate::i18n::COMMON[0], $( $field: $zh, )* },
                    $name { common: &$crate::i18n::COMMON[1], $( $field: $en, )* },
                ];
                locale.pick((&BOTH[0], &BOTH[1]))
            }

            /// The words in the language of the page being rendered.
            pub fn here() -> &'static Self {
                Self::of($crate::i18n::use_locale())
            }
        }

        impl ::std::ops::Deref for $name {
            type Target = $crate::i18n::CommonTexts;

            fn deref(&self) -> &$crate::i18n::CommonTexts {
                self.common
            }
        }
    };
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim())
}

/// The `Cookie` header of the request being answered (server only).
#[cfg(feature = "ssr")]
pub fn request_cookies() -> Option<String> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    let header = parts.headers.get(axum::http::header::COOKIE)?;
    header.to_str().ok().map(str::to_owned)
}

/// The locale of the page being rendered (provided by `App`), or zh-CN.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// The shared words of the page being rendered.
pub fn use_texts() -> &'static CommonTexts {
    use_locale().texts()
}

/// The locale of the request being answered, from its cookie (server only).
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    request_cookies().map_or_else(Locale::default, |h| Locale::from_cookie_header(&h))
}

/// Where the language switch goes: `/lang/{tag}?back={path}`, which sets the cookie and returns.
pub fn switch_href(to: Locale, back: &str) -> String {
    format!("/lang/{}?back={}", to.tag(), percent_encode(back))
}

/// `s` with everything but unreserved characters and `/` percent-encoded (for `?back=`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

crate::catalogue! {
    @root
    /// The words every page shares: the header, the footer, the errors.
    pub struct CommonTexts {
        app_name = "接诉即办", "Jiesu";
        /// What search engines show under the site's name.
        meta_description =
            "北京 12345 接诉即办网上平台：提出诉求、查询办理进度、评价办理结果，查看各街道和部门的响应率、解决率、满意率，参加社区议事。",
            "Beijing's 12345 hotline online: file a request, track it, rate how it was handled, see how each street and department performs, and vote in your community's consultations.";
        skip_to_content = "跳到正文", "Skip to content";
        nav_label = "主导航", "Main navigation";
        nav_home = "首页", "Home";
        nav_areas = "区域", "Areas";
        /// The language switch's label, written in the language it switches *to*.
        switch_to_this_language = "中文", "English";
        /// The header: the menu's button, who is signed in, and the large-text switch
        /// (长辈模式), whose label says what it switches *to*.
        nav_menu = "菜单", "Menu";
        /// The refusal summary at the top of a page a form post came back to, and what it says of
        /// refusals that have no sentence of their own.
        refusal_title = "没有办成：", "Not done:";
        refusal_sign_in =
            "请先登录（登录可能已过期），再试一次。",
            "Please sign in (your session may have ended) and try again.";
        refusal_conflict =
            "这里刚刚有了变化，请看一下现在的情况再试。",
            "Something here has just changed: have a look and try again.";
        refusal_failed = "没能完成，请稍后再试。", "That could not be done; please try again later.";
        signed_in_as = "已登录", "Signed in as";
        large_text_on = "长辈模式", "Large text";
        large_text_off = "标准模式", "Standard text";
        loading = "正在加载…", "Loading…";
        not_found_title = "找不到这个页面", "Page not found";
        not_found_text =
            "您要找的页面不存在，或已经移走。",
            "The page you are looking for does not exist or has moved.";
        back_home = "返回首页", "Back to the home page";
        error_title = "出错了", "Something went wrong";
        error_text =
            "页面暂时无法显示，请稍后再试。",
            "This page cannot be shown right now. Please try again later.";
        footer =
            "接诉即办 · 北京 12345 市民服务热线的网上服务",
            "Jiesu · the online service of Beijing's 12345 citizen hotline";
        sign_in = "登录", "Sign in";
        sign_out = "退出", "Sign out";
        too_many_attempts =
            "尝试次数太多，请过一会儿再试。",
            "Too many attempts. Please wait a while and try again.";
        invalid_input = "这一项填写得不对，请检查。", "This field is not filled in correctly.";
        register = "注册", "Register";
        choose = "请选择", "Choose";
        nav_account = "我的账号", "My account";
        service_unavailable =
            "服务暂时不可用（例如短信发不出去），请稍后再试。",
            "The service is unavailable just now (for example, text messages cannot be sent). Please try again later.";
        /// Shown on every page while the demo accounts exist.
        demo_data_banner =
            "演示数据：本站的账号和诉求都是演示用的，请勿填写真实信息。",
            "Demo data: the accounts and requests on this site are for demonstration. Do not enter real information.";
        nav_file = "提出诉求", "Report";
        nav_mine = "我的诉求", "My requests";
        nav_lookup = "查询进度", "Track";
        filter = "筛选", "Filter";
        forbidden = "您没有权限这样操作。", "You are not allowed to do that.";
        nav_public = "大家的诉求", "Public requests";
        next_page = "下一页", "Next page";
        inbox_title = "消息", "Inbox";
        nav_staff = "工作台", "Workspace";
        nav_admin = "管理", "Admin";
        nav_measures = "三率排名", "Performance";
        nav_consultations = "议事厅", "Consultations";
        nav_verifications = "居民认证", "Residents";
        nav_topics = "每月一题", "Monthly topics";
        list_separator = "、", ", ";
        community_label = "社区（村）", "Community or village";
        district_label = "区", "District";
        street_label = "街道（乡镇）", "Street or town";
        admin_only = "此页面仅供系统管理员使用。", "This page is for administrators.";
        admin_area_codes = "区域代码可在“区域”页面查看。", "Area codes are listed under Areas.";
        verifications_staff_only = "此页面仅供社区、街乡、区级工作人员使用。", "This page is for area staff.";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_decides_and_anything_else_is_chinese() {
        assert_eq!(Locale::from_cookie_header("a=1; jiesu_lang=en"), Locale::En);
        assert_eq!(Locale::from_cookie_header("jiesu_lang=zh-CN"), Locale::ZhCn);
        assert_eq!(Locale::from_cookie_header("jiesu_lang=fr"), Locale::ZhCn);
        assert_eq!(Locale::from_cookie_header(""), Locale::ZhCn);
        assert_eq!(Locale::from_cookie_header("xjiesu_lang=en"), Locale::ZhCn);
    }

    #[test]
    fn the_switch_carries_the_page_back_encoded() {
        assert_eq!(
            switch_href(Locale::En, "/areas/110108?q=海"),
            "/lang/en?back=/areas/110108%3Fq%3D%E6%B5%B7"
        );
    }

    #[test]
    fn both_catalogues_are_filled_in() {
        for locale in Locale::ALL {
            let t = locale.texts();
            assert_eq!(t.locale(), locale);
            for s in [t.app_name, t.not_found_title, t.error_text, t.nav_home] {
                assert!(!s.trim().is_empty(), "{locale:?} has an empty string");
            }
        }
        assert_ne!(Locale::ZhCn.texts().app_name, Locale::En.texts().app_name);
    }
}
