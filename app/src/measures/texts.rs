//! The words of the measures and the dashboard, in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of the measures and the dashboard say.
    pub struct MeasureTexts {
        measures_title = "接诉即办：三率", "Requests handled: the three rates";
        measures_intro =
            "每件诉求办得怎样，由提出它的居民说了算。这里是全市、各区、各街道和各部门每月的响应率、解决率和满意率，以及排名。",
            "How each request was handled is judged by the resident who filed it. Here are the response, resolution and satisfaction rates of the city, each district, street and department, month by month, and the ranking.";
        measures_city = "北京市", "Beijing";
        measures_month_label = "月份（如 2026-11）", "Month (like 2026-11)";
        measures_month_show = "查看", "Show";
        measures_compare_heading = "本月与上月", "This month and last month";
        measures_measure_column = "指标", "Measure";
        measures_change_column = "变化", "Change";
        measures_response = "响应率", "Response rate";
        measures_resolution = "解决率", "Resolution rate";
        measures_satisfaction = "满意率", "Satisfaction rate";
        measures_score = "综合得分", "Score";
        measures_overdue = "超时", "Deadlines missed";
        measures_formulas_heading = "怎么算", "How the figures are computed";
        measures_formula_response =
            "响应率 = 在响应时限前答复的已派单诉求 ÷ 已派单诉求",
            "Response rate = dispatched requests answered before their respond-by ÷ dispatched requests";
        measures_formula_resolution =
            "解决率 = 居民评价为“已解决”的诉求 ÷ 已评价的诉求（“部分解决”不算解决）",
            "Resolution rate = rated requests the resident says were resolved ÷ rated requests (“partly” is not resolved)";
        measures_formula_satisfaction =
            "满意率 = 评价为“满意”或“非常满意”的诉求 ÷ 已评价的诉求",
            "Satisfaction rate = requests rated satisfied or very satisfied ÷ rated requests";
        measures_formula_score: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |response, resolution, satisfaction| format!("综合得分 = 响应率 × {response}% + 解决率 × {resolution}% + 满意率 × {satisfaction}%（既有派单又有评价才计算）"),
            |response, resolution, satisfaction| format!("Score = response rate × {response}% + resolution rate × {resolution}% + satisfaction rate × {satisfaction}% (only once something was both dispatched and rated)");
        measures_rules =
            "诉求计入提出时的月份（北京时间）。响应计入首先联系市民的单位（未联系的，计入响应时限到期时办理的单位）；街道下派社区、社区上报街道都不改变已有的响应，下派计入下派的街道，上报计入上报的社区；退回计入退回的单位；解决和满意计入办结该轮的单位；重办后以最新一轮的评价为准。未评价的诉求不进分母，但单独列出。单位自己说“已办结”不算解决。",
            "A request counts in the month it was filed (Beijing time). Response counts against the unit that first answered the resident (unanswered: the unit holding it when its respond-by passed); passing it down to a community or up to the street office moves no response, and counts against the street that passed it down or the community that passed it up; a return against the unit that returned it; resolution and satisfaction against the unit that resolved the round; after a reopen the latest round's rating counts. Unrated requests are left out of the rates and counted on their own. A unit saying it is resolved never counts by itself.";
        measures_updated = "数据在每个操作后几秒内更新。", "Figures follow each action within a few seconds.";
        measures_trend_heading = "近 12 个月", "The last 12 months";
        measures_trend_title: fn(&dyn std::fmt::Display) -> String =
            |name| format!("{name}近 12 个月的三率"),
            |name| format!("{name}: the three rates over 12 months");
        measures_trend_desc: fn(&dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |from, to| format!("{from} 至 {to} 每月的响应率、解决率和满意率（折线）。下表列出相同的数字。"),
            |from, to| format!("Response, resolution and satisfaction rate per month from {from} to {to} (lines). The table below lists the same numbers.");
        measures_categories_heading = "按类别", "By category";
        measures_proactive_heading = "主动治理：未诉先办", "Acting before anyone calls";
        measures_proactive_intro =
            "街道、社区工作人员自己发现并立案的问题（巡查、热点研判、议事协商、群众当面反映），按月统计：发现（计入发现的单位）、办结（街道确认已解决，计入办结的单位）、按时办结（在办结时限内）。它们不计入三率。",
            "Problems street and community staff found and took up themselves (on patrol, from a hot spot, in a consultation, or heard in person), per month: found (counted against the unit that found it), settled (the street office confirmed the fix; counted against the unit that resolved it), settled on time (resolved before its resolve-by). None of them counts in the three rates.";
        measures_found_short = "发现", "Found";
        measures_settled_short = "办结", "Settled";
        measures_on_time_short = "按时", "On time";
        measures_on_time_share = "按时率", "On-time share";
        measures_intake_heading = "热线受理：派单与直接答复", "The hotline's intake: dispatched or answered";
        measures_intake_intro =
            "受理的每件诉求，或派单给单位办理，或由热线直接答复（直接答复后市民申请重办、再派单的，两边各计一次）。直接答复的诉求同样由市民评价，右边两列是它们的解决率和满意率；它们不计入任何派单单位的三率。",
            "Every request received is either dispatched to a unit or answered by the hotline at intake (an answer reopened by its resident and then dispatched counts once on each side). Residents rate answered requests like any other; the last two columns are their resolution and satisfaction rates, which count in no unit's three rates.";
        measures_received = "受理", "Received";
        measures_answered_share = "直接答复占比", "Answered at intake";
        measures_answered_resolution = "答复解决率", "Answers: resolution";
        measures_answered_satisfaction = "答复满意率", "Answers: satisfaction";
        measures_all_categories = "全部类别", "All categories";
        measures_hotline_page = "热线直接答复的逐月走势", "The hotline's answers month by month";
        measures_categories_title: fn(&dyn std::fmt::Display) -> String =
            |month| format!("{month} 诉求最多的类别"),
            |month| format!("{month}: the categories with the most requests");
        measures_categories_desc =
            "每个类别的诉求量（横条）。下表列出全部类别和三率。",
            "Requests per category (bars). The table below lists every category with its rates.";
        measures_streets_top = "排名前 10 的街道", "The 10 best streets";
        measures_streets_bottom = "排名后 10 的街道", "The 10 streets at the bottom";
        measures_streets_all = "全部街道排名（可排序）", "Every street, sortable";
        measures_streets_title = "街道月度排名", "Monthly ranking of streets";
        measures_streets_heading = "各街道", "Streets";
        measures_districts_heading = "各区", "Districts";
        measures_summons_column = "街乡评价", "Rated by streets";
        measures_formula_summons =
            "街乡评价（市级部门和区政府）：被街乡吹哨召集、报到并报送协同办理情况后，召集的街乡为其“到位、配合、效果”各打 1–5 分；本月所有评价三项得分的平均值，括号内为评价次数。不计入综合得分。",
            "Rated by streets (city departments and district governments): once a unit summoned by a street (吹哨) has checked in and posted its part, the street scores it 1–5 for arriving, co-operation and result; the mean of the three scores over all of the month's ratings, with how many in brackets. Not part of the composite score.";
        measures_units_heading = "市级部门和区政府", "City departments and district governments";
        measures_rank_column = "名次", "Rank";
        measures_name_column = "名称", "Name";
        measures_month_column = "月份", "Month";
        measures_csv = "下载 CSV", "Download CSV";
        measures_no_data = "这个月还没有数据。", "Nothing was counted for this month yet.";
        measures_unranked =
            "既没有派单又没有评价的不计综合得分，排在最后。",
            "Without both dispatched and rated requests there is no score; such lines come last.";
        measures_back_city = "全市三率", "The city's figures";
        measures_service_link = "谁在为这里服务：小巷管家、志愿者、报到党员和单位", "Who serves here: stewards, volunteers, party members and organisations";
        measures_back_to: fn(&dyn std::fmt::Display) -> String =
            |name| format!("{name}三率"),
            |name| format!("{name}'s figures");
        measures_communities_heading = "各社区（村）", "Communities and villages";
        measures_communities_hint =
            "按综合得分排名；本月没有诉求的社区也列出（没有得分的排在最后）。",
            "Ranked by score; communities with no request this month are listed too (those without a score come last).";
        measures_year_heading: fn(&dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |from, to| format!("{from} 至 {to} 各类诉求"),
            |from, to| format!("Requests by category, {from} to {to}");
        measures_year_hint =
            "每一类都列出：一年里没有这类诉求的，诉求量记为 0。",
            "Every category is listed: one with no request all year shows 0 filed.";
        measures_sort_hint =
            "点击列名可按该列排序，再点一次反向。",
            "Choose a column heading to sort by it; choose it again to reverse.";
        measures_sorted_by = "排序：", "Sorted by: ";
    }
}

crate::refusals! {
    /// Why a form of the measures and the dashboard is refused.
    pub enum MeasureRefusal {
        MonthFormat = "month", "format" =>
            "月份格式应为 2026-11（四位年份、两位月份）。",
            "Write the month as 2026-11 (four-digit year, two-digit month).";
        MonthNotYet = "month", "not_yet" =>
            "这个月份还没有到，没有数据。", "That month has not come yet: there are no figures for it.";
        MonthTooEarly = "month", "too_early" =>
            "只能查看 2000 年以后的月份。", "Only months from 2000 on can be shown.";
        ScopeUnknown = "scope", "unknown" =>
            "没有这种统计范围（应为全市、区或单位）。", "No such scope (city, district or unit).";
        TableUnknown = "table", "unknown" => "没有这张表。", "No such table.";
        /// Only an operator's configuration gives weights (refused at start-up, in the log).
        WeightsFormat = "weights", "format" =>
            "权重应为三个整数，用逗号隔开，例如 10,45,45。",
            "Weights are three whole numbers separated by commas, such as 10,45,45.";
        WeightsSum = "weights", "sum" => "三个权重相加应为 100。", "The three weights add up to 100.";
    }
}
