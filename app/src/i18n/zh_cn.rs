//! 简体中文 (the default).
use super::Texts;

pub static TEXTS: Texts = Texts {
    app_name: "接诉即办",
    tagline: "市民诉求，一键直达，件件有回音",
    skip_to_content: "跳到正文",
    nav_label: "主导航",
    nav_home: "首页",
    nav_areas: "区域",
    switch_to_this_language: "中文",
    home_title: "有事找12345，接诉即办",
    home_intro: "在这里提出诉求、反映问题、提出建议，跟踪办理进度直到解决，并对办理结果作出评价。",
    home_hotline_title: "一拨就灵的热线，搬到网上",
    home_hotline_text:
        "每一件诉求都会派给负责的街乡或部门，在规定时限内响应和办结；办得好不好，由您说了算。",
    home_steps_title: "怎么办理",
    home_steps: [
        "提出诉求：说明事情、地点，可附照片",
        "派单：12345 把诉求派给负责的单位",
        "办理：单位在时限内联系您并解决问题",
        "评价：您评价是否解决、是否满意，不满意可以重办",
    ],
    home_browse_areas: "查看北京市各区、街道和社区",
    areas_title: "北京市区域",
    areas_intro: "北京市 16 个区及其街道（乡镇）和社区（村）。",
    area_streets: "街道和乡镇",
    area_communities: "社区和村",
    area_children_count: "下辖",
    area_none: "暂无下级区域。",
    area_back: "返回上级",
    loading: "正在加载…",
    not_found_title: "找不到这个页面",
    not_found_text: "您要找的页面不存在，或已经移走。",
    back_home: "返回首页",
    error_title: "出错了",
    error_text: "页面暂时无法显示，请稍后再试。",
    footer: "接诉即办 · 北京 12345 市民服务热线的网上服务",
};
