//! The other commands' HTML pages: overdue, who, decisions, escalate and history, each one
//! self-contained page with the same style as the report.
