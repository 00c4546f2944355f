/**
 * The 2024/25 annual report's "Impact of Audits", as the text of the report prints it
 * (../shared/reference/annual-report-2024-25.txt, lines 456–556), copied so tests run without it.
 */
export const IMPACT_OF_AUDITS_2024_25 = `
#### **IMPACT OF AUDITS**

April

2024

The audit process has significantly improved with PHEW and a more streamlined approach to auditing and moderation. The QA Officer consolidates all findings and produces a summary report, which is then used as a template during moderation. This enhanced process has enabled more in-depth discussions and the development of robust action plans, which are agreed at a partnership level through the Quality Assurance Group.

#### JTAI PREPARATION: SERIOUS YOUTH VIOLENCE

#### **Key Learning**

- Process for JTAI audits requires attention. Evidence of engagement by key partners was strong where risk was high/complex, particularly Police/CSC.
- Significant resources in YJS, which if available before they entered the system, may have prevented harm/criminalisation.
- Geographic moves increase risk of a loss of relationships and poor information sharing.
- The apparent correlation between children at risk of SYV who also present with SEND or neurodiversity needs attention

#### **Action Plan**

- CSCP Business team made changes to process (and invested in PHEW) to support better audits.
- Multi-agency safety planning template was created to support better information sharing.
- Benchmarking Croydon v JTAI findings report in progress

#### **SWL AUDIT: COMPLEX CASES**

#### **Key Learning**

Six key themes emerged: ongoing sufficiency challenges leading to out-of-borough placements, undiagnosed mental health conditions and neurodiversity, and high levels of social isolation, with 72% of children reporting limited peer relationships as a result of their placement. Despite these challenges, positive outcomes were identified in education, safety, relationships, and mental health

#### **Action Plan**

 Creation of 3 workstreams to follow up and formalise pilot complex needs panels and framework across SWL.

#### PROFESSIONAL ATTENDANCE AT CHILD PROTECTION CONFERENCES

#### Nov 2024

Aug

2024

#### **Key Learning**

- Robust data held by all agencies to evidence their attendance/report quality needs attention.
- Challenges securing GP attendance needs further attention.



#### **Action Plan**

- Enhancements to data capture to enable appropriate challenge for future audits.
- Complexities for GPs to attend meetings were explored separately.
- Awareness raising at Education forums completed.

#### JTAI PREPARATION: DIVERSION FROM EXPLOITATION

#### **Key Learning**

- Information sharing: particularly when families/children are hard to reach.
- Collaboration challenges: ensuring the right professionals are working with the child/family, underutilisation of the VCS
- Workforce capacity to be consistent and the understanding other professional's roles/offer.
- Effective consideration of the Voice of the Child

#### Action Plan

- Training to be created to cover cultural awareness and adultification with appropriate advocacy for attendance.
- 11-25 Board to develop its KPIs to evidence impact of strategy.
- Strengthen links between Family Hubs/VCS
- Influence and advocate the commissioning of Early Help Services

#### JTAI PREPARATION: DOMESTIC ABUSE - CHILDREN UNDER 7 YEARS OLD

#### **Key Learning**

- Training and Competency of professionals is variable.
- Housing services absent from panels and opportunities to collaborate on plans for children affected by domestic abuse.
- Information sharing quality is variable and impacted by the use of different systems.
- Some excellent resources/programs (eg: Restart and specific schools)
- Challenge of evidencing voice of the child when under two/unborn.
- Ack of evidence of resources to support children at risk of domestic abuse who are under 7.

#### **Action Plan**

- Standardised DA training to be developed.
- Audit dip sampling to test quality of referrals.
- Advocate for a dedicated Housing lead to support MARRAC/Child Protection panels.
- A follow up audit to test the quality of resources to support children at risk of domestic abuse

 
## Feb 2024

Dec

2024



#### **Audits Planned for 2025-26**



`;
