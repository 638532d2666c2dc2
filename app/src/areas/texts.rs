//! The words of the areas pages, in both languages.

crate::catalogue! {
    /// What the pages of the areas pages say.
    pub struct AreaTexts {
        areas_title = "北京市区域", "Areas of Beijing";
        areas_intro =
            "北京市 16 个区及其街道（乡镇）和社区（村）。",
            "Beijing's 16 districts with their streets and towns, and their communities and villages.";
        area_streets = "街道和乡镇", "Streets and towns";
        area_communities = "社区和村", "Communities and villages";
        area_children_count = "下辖", "Contains";
        area_none = "暂无下级区域。", "No areas below this one.";
        area_filter_label = "按名称筛选", "Filter by name";
        area_filter_none = "没有名称含有这些字的区域。", "No area here has that in its name.";
        area_back = "返回上级", "Up one level";
        area_figures = "三率：按月的响应率、解决率、满意率和下辖排名 →", "The three rates: month by month, with the areas below ranked →";
        show_streets = "显示街道", "Show streets";
        show_communities = "显示社区", "Show communities";
    }
}
