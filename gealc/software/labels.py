"""Readable, translated names of the codes of the publiccode.yml standard that pages show: its
categories (docs/standard/categories-list.rst) and software types. A code the tables miss (a category
added to the standard later) is shown made readable: "new-thing" reads "New thing"."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

CATEGORY_LABELS: dict[str, Promise] = {
    "accounting": pgettext_lazy("software category", "Accounting"),
    "agile-project-management": pgettext_lazy("software category", "Agile project management"),
    "applicant-tracking": pgettext_lazy("software category", "Applicant tracking"),
    "application-development": pgettext_lazy("software category", "Application development"),
    "appointment-scheduling": pgettext_lazy("software category", "Appointment scheduling"),
    "backup": pgettext_lazy("software category", "Backup"),
    "billing-and-invoicing": pgettext_lazy("software category", "Billing and invoicing"),
    "blog": pgettext_lazy("software category", "Blog"),
    "budgeting": pgettext_lazy("software category", "Budgeting"),
    "business-intelligence": pgettext_lazy("software category", "Business intelligence"),
    "business-process-management": pgettext_lazy("software category", "Business process management"),
    "cad": pgettext_lazy("software category", "CAD"),
    "call-center-management": pgettext_lazy("software category", "Call center management"),
    "cloud-management": pgettext_lazy("software category", "Cloud management"),
    "collaboration": pgettext_lazy("software category", "Collaboration"),
    "communications": pgettext_lazy("software category", "Communications"),
    "compliance-management": pgettext_lazy("software category", "Compliance management"),
    "contact-management": pgettext_lazy("software category", "Contact management"),
    "content-management": pgettext_lazy("software category", "Content management"),
    "crm": pgettext_lazy("software category", "CRM"),
    "customer-service-and-support": pgettext_lazy("software category", "Customer service and support"),
    "data-analytics": pgettext_lazy("software category", "Data analytics"),
    "data-collection": pgettext_lazy("software category", "Data collection"),
    "data-visualization": pgettext_lazy("software category", "Data visualisation"),
    "design": pgettext_lazy("software category", "Design"),
    "design-system": pgettext_lazy("software category", "Design system"),
    "digital-asset-management": pgettext_lazy("software category", "Digital asset management"),
    "digital-citizenship": pgettext_lazy("software category", "Digital citizenship"),
    "document-management": pgettext_lazy("software category", "Document management"),
    "donor-management": pgettext_lazy("software category", "Donor management"),
    "e-commerce": pgettext_lazy("software category", "E-commerce"),
    "e-signature": pgettext_lazy("software category", "E-signature"),
    "educational-content": pgettext_lazy("software category", "Educational content"),
    "email-management": pgettext_lazy("software category", "Email management"),
    "email-marketing": pgettext_lazy("software category", "Email marketing"),
    "employee-management": pgettext_lazy("software category", "Employee management"),
    "enterprise-project-management": pgettext_lazy("software category", "Enterprise project management"),
    "enterprise-social-networking": pgettext_lazy("software category", "Enterprise social networking"),
    "erp": pgettext_lazy("software category", "ERP"),
    "event-management": pgettext_lazy("software category", "Event management"),
    "facility-management": pgettext_lazy("software category", "Facility management"),
    "feedback-and-reviews-management": pgettext_lazy("software category", "Feedback and reviews management"),
    "financial-reporting": pgettext_lazy("software category", "Financial reporting"),
    "fleet-management": pgettext_lazy("software category", "Fleet management"),
    "fundraising": pgettext_lazy("software category", "Fundraising"),
    "gamification": pgettext_lazy("software category", "Gamification"),
    "geographic-information-systems": pgettext_lazy(
        "software category", "Geographic information systems (GIS)"
    ),
    "grant-management": pgettext_lazy("software category", "Grant management"),
    "graphic-design": pgettext_lazy("software category", "Graphic design"),
    "help-desk": pgettext_lazy("software category", "Help desk"),
    "hr": pgettext_lazy("software category", "Human resources"),
    "ide": pgettext_lazy("software category", "IDE (integrated development environment)"),
    "identity-management": pgettext_lazy("software category", "Identity management"),
    "instant-messaging": pgettext_lazy("software category", "Instant messaging"),
    "integrated-library-system": pgettext_lazy("software category", "Integrated library system"),
    "inventory-management": pgettext_lazy("software category", "Inventory management"),
    "it-asset-management": pgettext_lazy("software category", "IT asset management"),
    "it-development": pgettext_lazy("software category", "IT development"),
    "it-management": pgettext_lazy("software category", "IT management"),
    "it-security": pgettext_lazy("software category", "IT security"),
    "it-service-management": pgettext_lazy("software category", "IT service management"),
    "knowledge-management": pgettext_lazy("software category", "Knowledge management"),
    "learning-management-system": pgettext_lazy("software category", "Learning management system"),
    "marketing": pgettext_lazy("software category", "Marketing"),
    "mind-mapping": pgettext_lazy("software category", "Mind mapping"),
    "mobile-marketing": pgettext_lazy("software category", "Mobile marketing"),
    "mobile-payment": pgettext_lazy("software category", "Mobile payment"),
    "network-management": pgettext_lazy("software category", "Network management"),
    "office": pgettext_lazy("software category", "Office"),
    "online-booking": pgettext_lazy("software category", "Online booking"),
    "online-community": pgettext_lazy("software category", "Online community"),
    "payment-gateway": pgettext_lazy("software category", "Payment gateway"),
    "payroll": pgettext_lazy("software category", "Payroll"),
    "predictive-analysis": pgettext_lazy("software category", "Predictive analysis"),
    "procurement": pgettext_lazy("software category", "Procurement"),
    "productivity-suite": pgettext_lazy("software category", "Productivity suite"),
    "project-collaboration": pgettext_lazy("software category", "Project collaboration"),
    "project-management": pgettext_lazy("software category", "Project management"),
    "property-management": pgettext_lazy("software category", "Property management"),
    "real-estate-management": pgettext_lazy("software category", "Real estate management"),
    "regulations-and-directives": pgettext_lazy("software category", "Regulations and directives"),
    "remote-support": pgettext_lazy("software category", "Remote support"),
    "resource-management": pgettext_lazy("software category", "Resource management"),
    "sales-management": pgettext_lazy("software category", "Sales management"),
    "seo": pgettext_lazy("software category", "SEO"),
    "service-desk": pgettext_lazy("software category", "Service desk"),
    "social-media-management": pgettext_lazy("software category", "Social media management"),
    "survey": pgettext_lazy("software category", "Survey"),
    "talent-management": pgettext_lazy("software category", "Talent management"),
    "task-management": pgettext_lazy("software category", "Task management"),
    "taxes-management": pgettext_lazy("software category", "Taxes management"),
    "test-management": pgettext_lazy("software category", "Test management"),
    "time-management": pgettext_lazy("software category", "Time management"),
    "time-tracking": pgettext_lazy("software category", "Time tracking"),
    "translation": pgettext_lazy("software category", "Translation"),
    "video-conferencing": pgettext_lazy("software category", "Video conferencing"),
    "video-editing": pgettext_lazy("software category", "Video editing"),
    "visitor-management": pgettext_lazy("software category", "Visitor management"),
    "voip": pgettext_lazy("software category", "VoIP"),
    "warehouse-management": pgettext_lazy("software category", "Warehouse management"),
    "web-collaboration": pgettext_lazy("software category", "Web collaboration"),
    "web-conferencing": pgettext_lazy("software category", "Web conferencing"),
    "whistleblowing": pgettext_lazy("software category", "Whistleblowing"),
    "website-builder": pgettext_lazy("software category", "Website builder"),
    "workflow-management": pgettext_lazy("software category", "Workflow management"),
    "other": pgettext_lazy("software category", "Other"),
}

SOFTWARE_TYPE_LABELS: dict[str, Promise] = {
    "standalone/mobile": pgettext_lazy("software type", "Mobile application"),
    "standalone/iot": pgettext_lazy("software type", "Internet of things"),
    "standalone/desktop": pgettext_lazy("software type", "Desktop application"),
    "standalone/web": pgettext_lazy("software type", "Web application"),
    "standalone/backend": pgettext_lazy("software type", "Back-end service"),
    "standalone/other": pgettext_lazy("software type", "Standalone software"),
    "addon": pgettext_lazy("software type", "Add-on"),
    "library": pgettext_lazy("software type", "Library"),
    "configurationFiles": pgettext_lazy("software type", "Configuration files"),
}


def readable(code: str) -> str:
    """A code without a label, made readable: hyphens to spaces, the first letter capitalised."""
    text = code.replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def category_label(code: str) -> str:
    label = CATEGORY_LABELS.get(code)
    return str(label) if label is not None else readable(code)


def software_type_label(code: str) -> str:
    label = SOFTWARE_TYPE_LABELS.get(code)
    return str(label) if label is not None else readable(code)
