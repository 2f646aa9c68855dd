"""Korean and Simplified Chinese translations of the demo dataset, written for this site.

Keyed like the data files, by the natural key the loader finds each row by:

- ``events.Source``: the seed number ("000"–"004"); ``title`` is the headline (our translation,
  the original stays as published).
- ``events.EventSeries``, ``events.Event``, ``people.Organization``, ``people.Person``,
  ``issues.Issue``: the slug.
- ``events.Statement``: (speaker slug, event slug or None, said) as in data_events.STATEMENTS;
  ``text`` is the quote (our translation, the quote stays as spoken).
- ``issues.Stance``: (issue slug, country, as_of) as in the issue's "stances".
- ``issues.Development``: (issue slug, happened) as in the issue's "developments".

Each field maps language ("ko", "zh_hans") to text. ``KEEP`` means the English form is also the
form used in that language (Latin acronyms and outlet names with no Korean or Chinese name).

``POSITION_TITLES`` is the job-title glossary, keyed by (English title, country): the country of
the position's organization ("" when it has none), or a participation's side. One English title
can need two translations: the President of South Korea is 대통령 / 总统, of China 国家主席.
"""

from __future__ import annotations

from devdata.demo.data_events import STATE_VISIT, SUMMIT

KEEP = "=english"

_BRIEFING = "kr-mofa-briefing-2026-01-20"

TRANSLATIONS: dict[str, dict] = {
    # --- people
    "people.Organization": {
        "kr-office-of-the-president": {
            "name": {"ko": "대통령실", "zh_hans": "韩国总统室"},
        },
        "kr-national-security-office": {
            "name": {"ko": "국가안보실", "zh_hans": "韩国国家安保室"},
        },
        "kr-ministry-of-foreign-affairs": {
            "name": {"ko": "외교부", "zh_hans": "大韩民国外交部"},
            "abbreviation": {"ko": KEEP, "zh_hans": KEEP},
        },
        "kr-ministry-of-economy-and-finance": {
            "name": {"ko": "기획재정부", "zh_hans": "韩国企划财政部"},
            "abbreviation": {"ko": "기재부", "zh_hans": KEEP},
        },
        "kr-ministry-of-trade-industry-and-resources": {
            "name": {"ko": "산업통상자원부", "zh_hans": "韩国产业通商资源部"},
        },
        "cn-office-of-the-president": {
            "name": {"ko": "중국 국가주석판공실", "zh_hans": "国家主席办公室"},
        },
        "cn-communist-party": {
            "name": {"ko": "중국공산당", "zh_hans": "中国共产党"},
            "abbreviation": {"ko": "중공", "zh_hans": "中共"},
        },
        "cn-ministry-of-foreign-affairs": {
            "name": {"ko": "중국 외교부", "zh_hans": "中华人民共和国外交部"},
            "abbreviation": {"ko": KEEP, "zh_hans": "外交部"},
        },
        "cn-ministry-of-commerce": {
            "name": {"ko": "중국 상무부", "zh_hans": "中华人民共和国商务部"},
            "abbreviation": {"ko": KEEP, "zh_hans": "商务部"},
        },
        "cn-ministry-of-science-and-technology": {
            "name": {"ko": "중국 과학기술부", "zh_hans": "中华人民共和国科学技术部"},
            "abbreviation": {"ko": KEEP, "zh_hans": "科技部"},
        },
        "cn-national-development-and-reform-commission": {
            "name": {"ko": "국가발전개혁위원회", "zh_hans": "国家发展和改革委员会"},
            "abbreviation": {"ko": "발개위", "zh_hans": "发改委"},
        },
        "cn-ministry-of-industry-and-information-technology": {
            "name": {"ko": "중국 공업정보화부", "zh_hans": "中华人民共和国工业和信息化部"},
            "abbreviation": {"ko": "공신부", "zh_hans": "工信部"},
        },
        "us-office-of-the-president": {
            "name": {"ko": "미국 대통령실", "zh_hans": "美国总统办公室"},
        },
        "kp-workers-party-of-korea": {
            "name": {"ko": "조선노동당", "zh_hans": "朝鲜劳动党"},
            "abbreviation": {"ko": KEEP, "zh_hans": KEEP},
        },
        "the-korea-herald": {
            "name": {"ko": "코리아헤럴드", "zh_hans": "韩国先驱报"},
        },
        "allycaral": {
            "name": {"ko": KEEP, "zh_hans": KEEP},
        },
        "diplomat-daily": {
            "name": {"ko": KEEP, "zh_hans": KEEP},
        },
    },
    "people.Person": {
        "lee-jae-myung": {
            "bio": {
                "ko": "전날 치러진 조기 대선에서 승리해 2025년 6월 4일부터 대한민국 대통령으로 "
                "재임하고 있다. 2026년 1월 중국 국빈 방문은 취임 후 첫 베이징 방문이었다.",
                "zh_hans": "在前一天举行的提前大选中胜出，自2025年6月4日起任大韩民国总统。"
                "2026年1月对中国的国事访问是他就任以来首次到访北京。",
            }
        },
        "cho-hyun": {
            "bio": {
                "ko": "직업 외교관 출신으로 대한민국 외교부 장관을 맡고 있다. 2025년 9월 베이징에서 "
                "왕이 외교부장과 회담했고, 2026년 1월에는 두 사람이 1분기 안에 다시 만나기로 "
                "합의했다고 보고했다.",
                "zh_hans": "职业外交官，现任韩国外交部长官。2025年9月在北京与王毅会晤；"
                "2026年1月报告称，两人已商定在第一季度内再次会面。",
            }
        },
        "wi-sung-lac": {
            "bio": {
                "ko": "직업 외교관 출신으로, 국가안보실장으로서 대통령실 국가안보실을 이끌고 있다. "
                "2026년 1월 정상회담의 문화·해양 분야 성과를 기자들에게 설명했다.",
                "zh_hans": "前职业外交官，以国家安保室室长身份领导韩国总统室下属的国家安保室。"
                "他曾向记者介绍2026年1月首脑会谈在文化和海洋领域取得的成果。",
            }
        },
        "kang-yu-jung": {
            "bio": {
                "ko": "대한민국 대통령실 대변인. 2026년 1월 5일 정상회담에 관한 한국 측 설명을 "
                "발표했다.",
                "zh_hans": "韩国总统室发言人，曾对外介绍韩方对2026年1月5日首脑会谈的说明。",
            }
        },
        "lee-moon-bae": {
            "bio": {
                "ko": "대한민국 외교부 부대변인으로, 외교부 정례 브리핑에서 발언한다.",
                "zh_hans": "韩国外交部副发言人，在外交部例行记者会上发言。",
            }
        },
        "park-yoon-joo": {
            "bio": {
                "ko": "대한민국 외교부 제1차관. 2025년 12월 베이징에서 열린 제11차 한중 외교차관 "
                "전략대화에서 한국 측을 이끌었다.",
                "zh_hans": "韩国外交部第一次官。2025年12月在北京举行的第十一次中韩副外长级战略对话中"
                "率领韩方。",
            }
        },
        "koo-yun-cheol": {
            "bio": {
                "ko": "경제부총리 겸 기획재정부 장관. 2026년 1월 베이징 정상회담 대표단의 "
                "일원이었다.",
                "zh_hans": "韩国经济副总理兼企划财政部长官，2026年1月北京首脑会谈韩方代表团成员。",
            }
        },
        "kim-yong-beom": {
            "bio": {
                "ko": "대통령실 정책실장. 2026년 1월 정상회담에 한국 대표단으로 참석했다.",
                "zh_hans": "韩国总统室政策室长，2026年1月首脑会谈韩方代表团成员。",
            }
        },
        "ha-jung-woo": {
            "bio": {
                "ko": "대통령실 AI미래기획수석비서관. 2026년 1월 정상회담 대표단에 합류했다.",
                "zh_hans": "韩国总统室人工智能未来企划首席秘书，随代表团出席了2026年1月的首脑会谈。",
            }
        },
        "kim-jung-kwan": {
            "bio": {
                "ko": "대한민국 산업통상자원부 장관. 2026년 1월 정상회담 대표단의 일원이었다.",
                "zh_hans": "韩国产业通商资源部长官，2026年1月首脑会谈代表团成员。",
            }
        },
        "xi-jinping": {
            "bio": {
                "ko": "2013년부터 중화인민공화국 국가주석, 2012년부터 중국공산당 총서기를 맡고 있다. "
                "2025년 11월 경주에서 이재명 대통령과 만났고, 2026년 1월에는 베이징에서 그를 "
                "맞이했다.",
                "zh_hans": "2013年起任中华人民共和国主席，2012年起任中国共产党中央委员会总书记。"
                "2025年11月在庆州与李在明会晤，2026年1月在北京接待了他。",
            }
        },
        "wang-yi": {
            "bio": {
                "ko": "중국 외교부장. 2013년부터 2022년까지 처음 이 자리를 맡았고, 2023년 7월 "
                "다시 맡았다.",
                "zh_hans": "中国外交部部长。他于2013年至2022年首次担任此职，2023年7月重新出任。",
            }
        },
        "ma-zhaoxu": {
            "bio": {
                "ko": "중국 외교부 상무부부장. 2025년 12월 베이징에서 제11차 한중 외교차관 "
                "전략대화를 주재했다.",
                "zh_hans": "中国外交部常务副部长，2025年12月在北京主持了第十一次中韩副外长级战略对话。",
            }
        },
        "sun-weidong": {
            "bio": {
                "ko": "중국 외교부 부부장. 2026년 1월 정상회담에 중국 측 인사로 참석했다.",
                "zh_hans": "中国外交部副部长，2026年1月首脑会谈中方出席人员。",
            }
        },
        "wang-wentao": {
            "bio": {
                "ko": "중국 상무부장. 2026년 1월 정상회담에 중국 측 인사로 참석했다.",
                "zh_hans": "中国商务部部长，2026年1月首脑会谈中方出席人员。",
            }
        },
        "yin-hejun": {
            "bio": {
                "ko": "중국 과학기술부장. 2026년 1월 정상회담에 중국 측 인사로 참석했다.",
                "zh_hans": "中国科学技术部部长，2026年1月首脑会谈中方出席人员。",
            }
        },
        "zheng-shanjie": {
            "bio": {
                "ko": "중국의 국가 계획 기구인 국가발전개혁위원회의 주임. 2026년 1월 정상회담에 "
                "중국 측 인사로 참석했다.",
                "zh_hans": "中国国家规划机构——国家发展和改革委员会主任，2026年1月首脑会谈中方出席人员。",
            }
        },
        "li-lecheng": {
            "bio": {
                "ko": "중국 공업정보화부장. 2026년 1월 정상회담에 중국 측 인사로 참석했다.",
                "zh_hans": "中国工业和信息化部部长，2026年1月首脑会谈中方出席人员。",
            }
        },
        "han-shiming": {
            "bio": {
                "ko": "한국 언론 보도에서 중국 국가주석판공실 주임으로 소개된 인물. 2026년 1월 "
                "정상회담에 중국 측 인사로 참석했다.",
                "zh_hans": "韩国媒体报道称其为中国国家主席办公室主任，2026年1月首脑会谈中方出席人员。",
            }
        },
        "china-mfa-spokesperson": {
            "bio": {
                "ko": "특정 개인이 아니다. 보도가 발언자를 밝히지 않고 “중국 외교부 대변인”의 "
                "발언으로만 전한 내용을 모아 두는 항목이다.",
                "zh_hans": "并非某一具体个人：本条目收录报道中只称出自“中国外交部发言人”、"
                "未点明由谁发言的表态。",
            }
        },
        "donald-trump": {
            "bio": {
                "ko": "미국 대통령(2017~2021년 재임, 2025년 1월부터 다시 재임). 2026년 4월 중국 "
                "방문이 계획돼 있었다.",
                "zh_hans": "美国总统（2017—2021年在任，2025年1月起再度执政）。曾计划于2026年4月访华。",
            }
        },
        "kim-jong-un": {
            "bio": {
                "ko": "2011년부터 북한을 이끌고 있다. 트럼프 대통령의 2026년 4월 방중 계획을 "
                "계기로 두 사람이 만날 수 있다는 관측이 나왔다.",
                "zh_hans": "2011年起担任朝鲜最高领导人。围绕特朗普原定于2026年4月的访华行程，"
                "外界曾猜测两人可能会面。",
            }
        },
        "jung-min-kyung": {
            "bio": {"ko": "코리아헤럴드 기자.", "zh_hans": "《韩国先驱报》记者。"},
        },
        "tanisha-cardozo": {
            "bio": {"ko": "Allycaral 국제부 필자.", "zh_hans": "Allycaral国际部撰稿人。"},
        },
    },
    # --- events
    "events.Source": {
        "000": {
            "title": {
                "ko": "한중 외교장관 회담, 문화 교류가 핵심 의제 될 듯",
                "zh_hans": "中韩外长会谈预计聚焦文化交流",
            }
        },
        "001": {
            "title": {
                "ko": "이 대통령 “한중, 문화 분야 제한 두고 실무 협의 열 것”",
                "zh_hans": "李在明：中韩将就文化限制问题举行工作层面磋商",
            }
        },
        "002": {
            "title": {
                "ko": "대통령실 “이재명·시진핑, 문화 교류 단계적 재개로 해빙 합의”",
                "zh_hans": "韩国总统室：李在明与习近平同意逐步重启文化交流，推动关系回暖",
            }
        },
        "003": {
            "title": {
                "ko": "한중, 외교차관 전략대화서 고위급 교류 확대 합의",
                "zh_hans": "中韩在副外长级战略对话中同意加强高层交往",
            }
        },
        "004": {
            "title": {
                "ko": "중국과 한국, 문화 교류를 질서 있게 점진적으로 강화하기로",
                "zh_hans": "中韩同意以有序、渐进的方式加强文化交流",
            }
        },
    },
    "events.EventSeries": {
        "kr-cn-vice-foreign-ministerial-strategic-dialogue": {
            "name": {"ko": "한중 외교차관 전략대화", "zh_hans": "中韩副外长级战略对话"},
        },
    },
    "events.Event": {
        "10th-vice-foreign-ministerial-strategic-dialogue": {
            "title": {
                "ko": "제10차 한중 외교차관 전략대화",
                "zh_hans": "第十次中韩副外长级战略对话",
            },
            "summary": {
                "ko": "서울에서 열린 열 번째 전략대화. 개최된 달은 알려져 있지만 날짜는 알 수 없다.",
                "zh_hans": "第十轮对话，在首尔举行；已知举行月份，具体日期不详。",
            },
        },
        "cho-wang-foreign-ministers-meeting-2025-09-17": {
            "title": {
                "ko": "외교장관 회담: 조현·왕이",
                "zh_hans": "外长会晤：赵显与王毅",
            },
            "summary": {
                "ko": "한국 외교부 장관이 베이징에서 중국 외교부장과 회담했다.",
                "zh_hans": "韩国外交部长官在北京与中国外交部部长举行会晤。",
            },
        },
        "lee-xi-summit-gyeongju-2025-11-01": {
            "title": {
                "ko": "APEC 계기 첫 이재명·시진핑 정상회담",
                "zh_hans": "APEC会议期间李在明与习近平首次会晤",
            },
            "summary": {
                "ko": "두 정상의 첫 만남으로, 시진핑 주석이 APEC 회의 참석차 국빈 방한한 기간에 "
                "경상북도 경주에서 열렸다. 시 주석의 방한은 2014년 이후 처음이었다.",
                "zh_hans": "两国元首的首次会晤，在习近平出席APEC会议并对韩国进行国事访问期间，"
                "于庆尚北道庆州举行。这是他2014年以来首次访问韩国。",
            },
        },
        "11th-vice-foreign-ministerial-strategic-dialogue": {
            "title": {
                "ko": "제11차 한중 외교차관 전략대화",
                "zh_hans": "第十一次中韩副外长级战略对话",
            },
            "summary": {
                "ko": "이재명 정부 들어 처음 열린 전략대화. 양측은 11월 정상회담의 후속 조치를 "
                "이행하고 고위급 교류를 늘리기로 했으며, 문화 교류와 서해 구조물, 북한 문제를 "
                "논의했다.",
                "zh_hans": "李在明政府执政以来的首轮对话。双方同意落实11月首脑会谈的后续事项、"
                "加快高层交往，并就文化交流、黄海构筑物和朝鲜问题进行了讨论。",
            },
        },
        "k-pop-concert-in-china-2026-01": {
            "title": {
                "ko": "중국 내 대규모 K팝 공연",
                "zh_hans": "在中国举办的大型K-pop演唱会",
            },
            "summary": {
                "ko": "한국 정부가 2026년 1월 초 중국에서 대규모 K팝 공연을 추진하고 있다는 보도가 "
                "나왔으나, 대통령실은 확정된 것이 없다고 밝혔다.",
                "zh_hans": "据报道，韩国政府正推动于2026年1月初在中国举办大型K-pop演唱会；"
                "韩国总统室表示目前尚无任何确定安排。",
            },
        },
        STATE_VISIT: {
            "title": {
                "ko": "이재명 대통령 중국 국빈 방문",
                "zh_hans": "李在明对中国进行国事访问",
            },
            "summary": {
                "ko": "베이징과 상하이를 찾은 4일간의 국빈 방문. 이 대통령의 취임 후 첫 베이징 "
                "방문이자, 시진핑 주석의 경주 방문에 대한 답방이다.",
                "zh_hans": "为期四天的国事访问，行程包括北京和上海。这是李在明就任以来首次到访北京，"
                "也是对习近平庆州之行的回访。",
            },
        },
        SUMMIT: {
            "title": {
                "ko": "두 번째 이재명·시진핑 정상회담",
                "zh_hans": "李在明与习近平第二次会晤",
            },
            "summary": {
                "ko": "예정보다 30분 길어진 약 90분간 진행됐다. 두 정상은 문화·콘텐츠 교류를 "
                "단계적으로 재개하고, 서해 구조물 문제를 계속 협의하며, 서해를 평화와 공동 "
                "번영의 바다로 만들기로 합의했다. 불법 조업과 한반도 평화 문제도 논의했다.",
                "zh_hans": "会谈持续约90分钟，比原定时间多出30分钟。两国元首同意逐步恢复文化和内容"
                "交流，继续就黄海构筑物问题进行磋商，将西海建设成和平与共同繁荣之海，"
                "并讨论了非法捕捞和朝鲜半岛和平问题。",
            },
        },
        "korea-china-mou-signing-2026-01-05": {
            "title": {
                "ko": "한중 양해각서(MOU) 서명식",
                "zh_hans": "中韩谅解备忘录签署仪式",
            },
            "summary": {
                "ko": "두 정상이 양해각서 서명식에 함께했다.",
                "zh_hans": "两国元首出席了谅解备忘录签署仪式。",
            },
        },
        "lee-remarks-to-reporters-shanghai-2026-01": {
            "title": {
                "ko": "이재명 대통령의 상하이 취재진 대상 발언",
                "zh_hans": "李在明在上海对记者的讲话",
            },
            "summary": {
                "ko": "이 대통령은 중국의 한국 문화 콘텐츠 제한을 두고 양측이 실무 협의를 하기로 "
                "했다고 말했다. 보도에는 정확한 날짜가 나오지 않는다.",
                "zh_hans": "李在明表示，双方将就中国对韩国文化内容的限制举行工作层面磋商。"
                "报道未给出确切日期。",
            },
        },
        "kr-cabinet-meeting-2026-01-20": {
            "title": {"ko": "국무회의", "zh_hans": "韩国国务会议"},
            "summary": {
                "ko": "베이징 정상회담 후속 조치에 관한 질문에 조현 장관은 왕이 부장과의 외교장관 "
                "회담을 1~3월 중에 열기로 합의했다고 보고했다.",
                "zh_hans": "被问及北京首脑会谈的后续事项时，赵显报告称，已与王毅商定于1至3月间"
                "举行外长会谈。",
            },
        },
        _BRIEFING: {
            "title": {"ko": "외교부 정례 브리핑", "zh_hans": "韩国外交部例行记者会"},
            "summary": {
                "ko": "부대변인은 다가올 외교장관 회담이 특정 현안 하나가 아니라 양국 관계 전반을 "
                "다룰 것이라고 말했다.",
                "zh_hans": "副发言人表示，即将举行的外长会谈将涵盖两国关系全局，而非只谈单一议题。",
            },
        },
        "kr-cn-foreign-ministers-meeting-2026-q1": {
            "title": {"ko": "한중 외교장관 회담", "zh_hans": "中韩外长会谈"},
            "summary": {
                "ko": "2026년 1~3월 중 열기로 합의했으나 날짜와 장소는 아직 정해지지 않았다. "
                "문화 교류와 서해 구조물 문제가 주로 다뤄질 전망이다.",
                "zh_hans": "双方商定于2026年1至3月间举行，具体日期和地点尚未确定。"
                "预计将重点讨论文化交流和黄海构筑物问题。",
            },
        },
        "trump-visit-to-china-2026-04": {
            "title": {"ko": "도널드 트럼프 대통령 방중", "zh_hans": "唐纳德·特朗普访华"},
            "summary": {
                "ko": "계획된 방문이다. 한국 정부는 이를 북핵 외교를 되살릴 기회로 보고 있으며, "
                "이를 계기로 트럼프 대통령과 김정은 위원장이 만날 수 있다는 관측도 나왔다.",
                "zh_hans": "一次计划中的访问。韩国政府视之为重启核外交的契机；外界猜测特朗普可能"
                "借此与金正恩会面。",
            },
        },
    },
    "events.Statement": {
        ("xi-jinping", SUMMIT, "2026-01-05"): {
            "text": {
                "ko": "석 자 두께의 얼음은 하루 만에 녹지 않고, 과일은 익으면 저절로 떨어진다.",
                "zh_hans": "三尺之冰，非一日所能消融；瓜熟自然蒂落。",
            }
        },
        ("lee-jae-myung", SUMMIT, "2026-01-05"): {
            "text": {
                "ko": "이번 정상회담은 2026년을 한중 관계 전면 복원의 원년으로 만드는 중요한 "
                "전환점이 될 것입니다.",
                "zh_hans": "此次首脑会谈将成为重要转折点，使2026年成为韩中关系全面恢复的元年。",
            }
        },
        ("china-mfa-spokesperson", None, "2026-01"): {
            "text": {
                "ko": "양측이 “질서 있고 건전하며 유익한 문화 교류”를 추진하기로 합의했다.",
                "zh_hans": "双方同意开展“有序、健康、有益的文化交流”。",
            }
        },
        ("lee-moon-bae", _BRIEFING, "2026-01-20"): {
            "text": {
                "ko": "외교장관 회담은 어느 한 가지 현안만 다루는 것이 아니라, 양국 관계 전반에 "
                "걸친 사안을 폭넓게 다룹니다.",
                "zh_hans": "外长会谈并不只处理某一个具体问题，而是广泛涉及双边关系全局的各项议题。",
            }
        },
        ("wi-sung-lac", None, "2026-01"): {
            "text": {
                "ko": "정상회담 뒤 기자들에게 서해 구조물 문제와 관련해 “진전이 있을 수 있다는 "
                "조심스러운 기대”를 갖고 있다고 말했다.",
                "zh_hans": "会谈后对记者表示，他对黄海构筑物问题“抱有可能取得进展的审慎期待”。",
            }
        },
    },
    # --- issues
    "issues.Issue": {
        "hallyu-ban": {
            "title": {
                "ko": "중국의 한국 문화 콘텐츠 제한(‘한한령’)",
                "zh_hans": "中国对韩国文化内容的限制（“限韩令”）",
            },
            "summary": {
                "ko": "한국이 2016년 미국의 사드(THAAD) 미사일 방어체계 배치를 결정한 뒤로 "
                "중국에서는 K팝 공연과 한국 드라마, 영화를 접하기 어려워졌다. 중국 정부는 "
                "금지 조치가 없다는 입장이다. 2026년 1월 양국 정부는 문화 교류를 단계적으로 "
                "넓히고 실무 협의를 열기로 합의했다.",
                "zh_hans": "自2016年韩国决定部署美国“萨德”反导系统以来，K-pop演唱会、韩剧和韩国"
                "电影在中国难觅踪影。北京表示并不存在任何禁令。2026年1月，两国政府同意"
                "逐步扩大文化交流，并举行工作层面磋商。",
            },
            "background": {
                "ko": "<p>이 제한은 한 번도 공식 발표된 적이 없다. 한국 공연자들은 중국 무대에 서지 "
                "못하게 됐고, 한국 드라마는 중국 플랫폼에서 사라졌다. 언론은 이를 ‘한한령’이라 "
                "부르지만 중국 정부는 그런 조치가 없다고 부인한다.</p><p>2026년 1월 "
                "정상회담에서 두 정상은 양측이 받아들일 수 있는 분야부터 문화·콘텐츠 교류를 "
                "점진적으로 확대하고, 영화와 드라마 등 콘텐츠 문제를 실무 차원에서 논의하기로 "
                "합의했다.</p>",
                "zh_hans": "<p>这些限制从未公开宣布：韩国艺人不再登上中国舞台，韩剧也从中国平台上"
                "消失。媒体称之为“限韩令”，中国政府则否认存在此类禁令。</p><p>在2026年1月的"
                "首脑会谈上，两国元首同意从双方都能接受的领域入手，逐步扩大文化和内容交流，"
                "并在工作层面讨论电影、电视剧等内容。</p>",
            },
        },
        "yellow-sea-pmz-structures": {
            "title": {
                "ko": "서해 잠정조치수역 내 중국 구조물",
                "zh_hans": "中国在黄海暂定措施水域的构筑物",
            },
            "summary": {
                "ko": "중국이 양국이 공동으로 관리하는 잠정조치수역에 철제 구조물을 세웠다. 중국은 "
                "양식용 시설이라고 설명하지만, 한국은 안보와 해양 관할권에 미칠 영향을 "
                "우려한다. 양측은 협의를 이어 가기로 했다.",
                "zh_hans": "中国在两国共同管理的暂定措施水域建造了钢结构设施。北京称其用于渔业养殖，"
                "首尔则担心安全和海洋管辖权问题。双方同意继续磋商。",
            },
            "background": {
                "ko": "<p>서해(황해)의 잠정조치수역은 해양 경계가 정해질 때까지 2000년 한중 "
                "어업협정에 따라 양국이 공동으로 관리한다.</p>",
                "zh_hans": "<p>黄海（西海）暂定措施水域在两国划定海洋边界之前，依据2000年《中韩渔业"
                "协定》由双方共同管理。</p>",
            },
        },
        "illegal-fishing-west-sea": {
            "title": {"ko": "서해(황해) 불법 조업", "zh_hans": "西海（黄海）非法捕捞"},
            "summary": {
                "ko": "한국은 중국이 자국 어민 지도를 강화하고 단속을 엄격히 해 서해에서 벌어지는 "
                "중국 어선의 불법 조업을 억제하기를 바란다.",
                "zh_hans": "韩方希望中方通过加强对渔民的指导和更严格的执法，遏制中国渔船在西海的"
                "非法捕捞。",
            },
        },
        "korean-peninsula-peace": {
            "title": {
                "ko": "한반도 평화와 북한과의 대화",
                "zh_hans": "朝鲜半岛和平与对朝对话",
            },
            "summary": {
                "ko": "한국은 북한을 대화에 복귀시키는 데 중국이 힘을 보태 달라고 요청한다. 중국은 "
                "건설적인 역할을 하겠다고 밝혔고, 시진핑 주석은 인내가 필요하다고 말했다. "
                "2026년 4월로 계획된 트럼프 대통령의 방중은 핵 외교를 재개할 기회로 여겨진다.",
                "zh_hans": "首尔请北京协助推动朝鲜重返谈判。中方表示将发挥建设性作用，习近平称需要"
                "保持耐心。特朗普计划于2026年4月访华，被视为重启核外交的契机。",
            },
        },
        "restoring-high-level-exchanges": {
            "title": {"ko": "고위급 교류 복원", "zh_hans": "恢复高层交往"},
            "summary": {
                "ko": "수년간 관계가 경색된 끝에 석 달 사이 정상회담이 두 차례 열리고 전략대화도 "
                "재개됐다. 한국은 2026년을 관계 “전면 복원의 원년”이라 부른다.",
                "zh_hans": "在多年关系紧张之后，三个月内举行了两次首脑会谈，战略对话也得以恢复；"
                "首尔称2026年为两国关系“全面恢复元年”。",
            },
        },
    },
    "issues.Stance": {
        ("hallyu-ban", "KR", "2026-01-05"): {
            "position": {
                "ko": "한국 음악과 드라마, 영화가 다시 중국 관객을 만나기를 바란다. 점진적·단계적 "
                "교류 확대와 영화·드라마 등 콘텐츠에 관한 실무 협의에 합의했다.",
                "zh_hans": "希望韩国音乐、电视剧和电影重新走近中国观众；同意循序渐进、分步骤扩大"
                "交流，并就电影、电视剧等内容举行工作层面磋商。",
            }
        },
        ("hallyu-ban", "CN", "2025-12-18"): {
            "position": {
                "ko": "한국 문화 콘텐츠에 대한 어떠한 제한도 존재하지 않는다고 부인한다.",
                "zh_hans": "否认存在任何针对韩国文化内容的限制。",
            }
        },
        ("hallyu-ban", "CN", "2026-01"): {
            "position": {
                "ko": "“질서 있고 건전하며 유익한” 문화 교류를 점진적으로 넓혀 가는 데 동의했다. "
                "다만 금지 조치가 있었다고 인정하지는 않았다.",
                "zh_hans": "同意开展“有序、健康、有益”的文化交流并逐步扩大，但未承认存在禁令。",
            }
        },
        ("yellow-sea-pmz-structures", "KR", "2026-01-05"): {
            "position": {
                "ko": "구조물이 해양 관할권과 역내 안보에 영향을 줄 것을 우려하며, 건설적인 협의가 "
                "성과로 이어지기를 바란다.",
                "zh_hans": "担心相关构筑物影响海洋管辖权和地区安全，希望建设性磋商取得成果。",
            }
        },
        ("yellow-sea-pmz-structures", "CN", "2026-01-05"): {
            "position": {
                "ko": "구조물이 양식용이라고 설명하며, 심해 양식 구조물 인근의 부대시설을 옮기겠다는 "
                "뜻을 내비쳤다.",
                "zh_hans": "称这些构筑物用于渔业养殖，并表示将迁移一处深海养殖设施附近的配套设施。",
            }
        },
        ("illegal-fishing-west-sea", "KR", "2026-01-05"): {
            "position": {
                "ko": "중국에 서해 조업 질서를 바로잡고 자국 어민을 지도하며 단속을 강화할 것을 "
                "촉구했다.",
                "zh_hans": "敦促中方改善西海捕捞秩序，加强对本国渔民的指导，并收紧执法。",
            }
        },
        ("illegal-fishing-west-sea", "CN", "2026-01-05"): {
            "position": {
                "ko": "서해가 평화와 공동 번영의 바다가 되어야 한다는 데 공감하고 계속 소통하기로 "
                "했다(한국 측 발표).",
                "zh_hans": "认同西海应成为和平与共同繁荣之海，并同意保持沟通（据韩方介绍）。",
            }
        },
        ("korean-peninsula-peace", "KR", "2026-01-05"): {
            "position": {
                "ko": "중국에 중재를 요청하고, 북한과의 대화 여건을 만드는 데 도와 달라고 요청한다.",
                "zh_hans": "请中方居中斡旋，并协助为与平壤对话创造条件。",
            }
        },
        ("korean-peninsula-peace", "CN", "2026-01-05"): {
            "position": {
                "ko": "한반도의 평화와 안정을 위해 건설적인 역할을 하겠다는 입장이며, 북한을 "
                "상대하는 데에는 인내가 필요하다고 본다.",
                "zh_hans": "将为半岛和平与稳定发挥建设性作用；在处理朝鲜问题上需要耐心。",
            }
        },
        ("restoring-high-level-exchanges", "KR", "2026-01-05"): {
            "position": {
                "ko": "2026년을 관계 전면 복원의 원년으로 만들고, 전략적 협력 동반자 관계를 되돌릴 "
                "수 없는 흐름으로 굳히고자 한다.",
                "zh_hans": "希望使2026年成为两国关系全面恢复的元年，并使战略合作伙伴关系不可逆转。",
            }
        },
        ("restoring-high-level-exchanges", "CN", "2026-01-05"): {
            "position": {
                "ko": "전략적 협력 동반자 관계를 건전한 궤도에 올려놓을 준비가 돼 있다면서도, "
                "한국에 “올바른 전략적 선택”을 하라고 촉구한다.",
                "zh_hans": "愿推动战略合作伙伴关系走上健康发展轨道，同时敦促韩方作出“正确的战略选择”。",
            }
        },
    },
    "issues.Development": {
        ("hallyu-ban", "2016"): {
            "summary": {
                "ko": "한국 정부의 사드 배치 결정 이후 중국에서 한국 콘텐츠를 접하기 어려워진다.",
                "zh_hans": "韩国决定部署“萨德”后，韩国内容在中国变得难以获取。",
            }
        },
        ("hallyu-ban", "2025-12-18"): {
            "summary": {
                "ko": "양국 외교차관이 문화 교류를 통해 두 나라 국민을 더 가깝게 할 방안을 "
                "논의한다.",
                "zh_hans": "两国副外长探讨通过文化交流拉近两国人民距离的途径。",
            }
        },
        ("hallyu-ban", "2026-01-05"): {
            "summary": {
                "ko": "이재명 대통령과 시진핑 주석이 양측이 공감하는 분야부터 문화·콘텐츠 교류를 "
                "점진적으로 확대하기로 합의한다.",
                "zh_hans": "李在明与习近平同意从双方有共识的领域入手，逐步扩大文化和内容交流。",
            }
        },
        ("hallyu-ban", "2026-01"): {
            "summary": {
                "ko": "이 대통령이 제한 조치에 관한 실무 협의를 하겠다고 발표한다.",
                "zh_hans": "李在明宣布将就相关限制举行工作层面磋商。",
            }
        },
        ("hallyu-ban", "2026-01-20"): {
            "summary": {
                "ko": "1~3월 중 외교장관 회담을 열기로 합의된다. 관측통들은 이 회담을 중국이 제한을 "
                "완화할 준비가 됐는지 가늠하는 시험대로 본다.",
                "zh_hans": "双方商定于1至3月间举行外长会谈；观察人士认为，这将检验北京是否准备放宽"
                "限制。",
            }
        },
        ("yellow-sea-pmz-structures", "2025-12-18"): {
            "summary": {
                "ko": "외교차관 전략대화에서 이 문제가 제기된다.",
                "zh_hans": "该问题在副外长级战略对话中被提出。",
            }
        },
        ("yellow-sea-pmz-structures", "2026-01-05"): {
            "summary": {
                "ko": "두 정상이 “건설적인 협의”를 이어 가기로 합의하고, 중국은 부대시설을 "
                "옮기겠다는 신호를 보낸다.",
                "zh_hans": "两国元首同意继续进行“建设性磋商”；中方表示将迁移配套设施。",
            }
        },
        ("illegal-fishing-west-sea", "2026-01-05"): {
            "summary": {
                "ko": "이 대통령이 정상회담에서 불법 조업 문제를 제기하고, 양측은 계속 소통하기로 "
                "한다.",
                "zh_hans": "李在明在首脑会谈中提出非法捕捞问题；双方将保持沟通。",
            }
        },
        ("korean-peninsula-peace", "2025-12-18"): {
            "summary": {
                "ko": "박윤주 제1차관이 북한과의 대화 재개에 중국이 도와 달라고 요청하고, "
                "마자오쉬 상무부부장은 중국의 건설적 역할을 재확인한다.",
                "zh_hans": "朴允柱请中方协助恢复与朝鲜的对话；马朝旭重申中方的建设性作用。",
            }
        },
        ("korean-peninsula-peace", "2026-01-05"): {
            "summary": {
                "ko": "두 정상이 한반도 평화를 양국의 공동 이익이라고 확인하고, 이 대통령은 "
                "시 주석에게 중재를 요청한다.",
                "zh_hans": "两国元首称半岛和平是双方的共同利益；李在明请习近平居中斡旋。",
            }
        },
        ("restoring-high-level-exchanges", "2025-09-17"): {
            "summary": {
                "ko": "양국 외교장관이 베이징에서 만난다.",
                "zh_hans": "两国外长在北京会晤。",
            }
        },
        ("restoring-high-level-exchanges", "2025-11-01"): {
            "summary": {
                "ko": "경주에서 첫 이재명·시진핑 정상회담이 열린다. 시 주석의 방한은 2014년 이후 "
                "처음이다.",
                "zh_hans": "李在明与习近平在庆州举行首次会晤；这是习近平2014年以来首次访问韩国。",
            }
        },
        ("restoring-high-level-exchanges", "2025-12-18"): {
            "summary": {
                "ko": "양국 외교차관이 고위급 교류를 늘리기로 합의한다.",
                "zh_hans": "两国副外长同意加强高层交往。",
            }
        },
        ("restoring-high-level-exchanges", "2026-01-05"): {
            "summary": {
                "ko": "이 대통령의 중국 국빈 방문 중 두 번째 정상회담이 열린다.",
                "zh_hans": "李在明对华国事访问期间举行第二次首脑会谈。",
            }
        },
    },
}

# The job-title glossary: (English title, country) -> titles as each government writes them.
POSITION_TITLES: dict[tuple[str, str], dict[str, str]] = {
    # South Korea
    ("President", "KR"): {"ko": "대통령", "zh_hans": "总统"},
    ("Minister of Foreign Affairs", "KR"): {"ko": "외교부 장관", "zh_hans": "外交部长官"},
    ("National Security Adviser", "KR"): {"ko": "국가안보실장", "zh_hans": "国家安保室室长"},
    ("Presidential Spokesperson", "KR"): {"ko": "대통령실 대변인", "zh_hans": "总统室发言人"},
    ("Deputy Spokesperson", "KR"): {"ko": "외교부 부대변인", "zh_hans": "外交部副发言人"},
    ("First Vice Foreign Minister", "KR"): {"ko": "외교부 제1차관", "zh_hans": "外交部第一次官"},
    ("Deputy Prime Minister and Minister of Economy and Finance", "KR"): {
        "ko": "부총리 겸 기획재정부 장관",
        "zh_hans": "副总理兼企划财政部长官",
    },
    ("Chief of Staff for Policy", "KR"): {"ko": "대통령실 정책실장", "zh_hans": "总统室政策室长"},
    ("Senior Presidential Secretary for AI Policy and Future Planning", "KR"): {
        "ko": "AI미래기획수석비서관",
        "zh_hans": "人工智能未来企划首席秘书",
    },
    # The ministry's Korean name did not change when its English one did (2025).
    ("Minister of Trade, Industry and Energy", "KR"): {
        "ko": "산업통상자원부 장관",
        "zh_hans": "产业通商资源部长官",
    },
    ("Minister of Trade, Industry and Resources", "KR"): {
        "ko": "산업통상자원부 장관",
        "zh_hans": "产业通商资源部长官",
    },
    ("Reporter", "KR"): {"ko": "기자", "zh_hans": "记者"},
    # China
    ("President", "CN"): {"ko": "국가주석", "zh_hans": "国家主席"},
    ("General Secretary", "CN"): {"ko": "총서기", "zh_hans": "总书记"},
    ("Foreign Minister", "CN"): {"ko": "외교부장", "zh_hans": "外交部部长"},
    ("Executive Vice Foreign Minister", "CN"): {
        "ko": "외교부 상무부부장",
        "zh_hans": "外交部常务副部长",
    },
    ("Vice Foreign Minister", "CN"): {"ko": "외교부 부부장", "zh_hans": "外交部副部长"},
    ("Minister of Commerce", "CN"): {"ko": "상무부장", "zh_hans": "商务部部长"},
    ("Minister of Science and Technology", "CN"): {
        "ko": "과학기술부장",
        "zh_hans": "科学技术部部长",
    },
    ("Chair", "CN"): {"ko": "주임", "zh_hans": "主任"},
    ("Chair, National Development and Reform Commission", "CN"): {
        "ko": "국가발전개혁위원회 주임",
        "zh_hans": "国家发展和改革委员会主任",
    },
    ("Minister of Industry and Information Technology", "CN"): {
        "ko": "공업정보화부장",
        "zh_hans": "工业和信息化部部长",
    },
    ("Director of the President's Office", "CN"): {
        "ko": "국가주석판공실 주임",
        "zh_hans": "国家主席办公室主任",
    },
    ("Spokesperson", "CN"): {"ko": "대변인", "zh_hans": "发言人"},
    # Others
    ("President", "US"): {"ko": "대통령", "zh_hans": "总统"},
    ("General Secretary", "KP"): {"ko": "총비서", "zh_hans": "总书记"},
    ("Writer, International Desk", ""): {"ko": "국제부 필자", "zh_hans": "国际部撰稿人"},
}
