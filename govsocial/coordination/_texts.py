"""The fictional agencies' tweet texts the simulator draws from (none of them real)."""

from __future__ import annotations

from collections.abc import Mapping

# The lead health agency's key message of each week, from the week of 20 January 2020.
_KEY_MESSAGES = (
    "We are monitoring the novel coronavirus outbreak abroad; the risk to residents is low.",
    "Travelers returning from affected countries who develop fever or cough should call a "
    "doctor first: our coronavirus guidance for travelers.",
    "Coronavirus facts: the best protection is washing hands, covering coughs and staying home "
    "when sick.",
    "Stop the stigma: coronavirus does not discriminate and neither should we. Rely on facts.",
    "Prepare your household for COVID-19: keep a two-week supply of medicines and plan childcare.",
    "COVID-19 preparedness: employers should let sick workers stay home and plan remote work.",
    "First COVID-19 cases confirmed in our region; contact tracing is under way.",
    "Cancel or postpone gatherings of more than 250 people to slow the spread of COVID-19.",
    "Stay home order: leave home only for groceries, pharmacy visits and medical care during "
    "the COVID-19 emergency.",
    "Social distancing saves lives: keep six feet between you and others and stay at home.",
    "Free drive-through COVID-19 testing site now open for residents with symptoms; call "
    "ahead for an appointment.",
    "Wear a cloth face covering in grocery stores and on transit to protect others from COVID-19.",
    "Feeling anxious during the pandemic? A free counseling hotline is open around the clock.",
    "COVID-19 testing is now available to all essential workers, with or without symptoms.",
    "The stay at home order is extended through May; thank you for flattening the curve of "
    "COVID-19.",
    "Rent relief and emergency food assistance for households hit by the pandemic: apply online.",
    "Reopening roadmap: the city will reopen in phases as COVID-19 cases, hospital capacity "
    "and testing allow.",
    "Phase one of reopening begins: curbside retail and outdoor recreation with face "
    "coverings and distancing.",
    "Memorial Day weekend: keep gatherings small and wear a face covering to stop COVID-19.",
)
_LEAD_OTHER = (
    "Daily COVID-19 update: new case counts and hospital data are on our dashboard.",
    "Our COVID-19 call line is open 8am to 8pm every day.",
    "Health care providers: new COVID-19 reporting guidance is posted.",
    "Live Q&A with our health officer about the coronavirus at noon today.",
    "Wash your hands often with soap and water for at least 20 seconds.",
    "Symptoms include fever, cough and shortness of breath; call your doctor if you feel sick.",
)
_ECHO_FRAMES = (
    "",
    "Please share: ",
    "From our health department: ",
    "Important: ",
    "Reminder for residents: ",
)
_LEAD_FRAMES = ("", "Update: ", "Reminder: ", "Health alert: ", "Today: ")
_SUFFIXES = ("", " More on our website.", " Please share.", " Thank you!", " Details online.")

# Each agency's own COVID-19 messages, each with a word of the dictionary.
_COVID_OWN: Mapping[str, tuple[str, ...]] = {
    "mayor": (
        "The mayor has declared a local state of emergency over COVID-19.",
        "Mayor's briefing on the city's coronavirus response at 5pm, live on our channels.",
        "The city is launching a fund to support small businesses through the pandemic.",
        "City Hall is closed to the public during the COVID-19 emergency; services continue "
        "online.",
    ),
    "health": _LEAD_OTHER,
    "emergency": (
        "Sign up for text alerts about COVID-19 in the city.",
        "The emergency operations center is activated for the coronavirus response.",
        "Beware of coronavirus scams: the city never asks for payment for tests.",
        "A COVID-19 resource guide in five languages is now online.",
    ),
    "police": (
        "Officers will remind groups to keep social distancing in public spaces.",
        "File non-emergency reports online to limit contact during the COVID-19 emergency.",
        "Our lobby is closed because of the coronavirus; call the non-emergency line.",
        "Report price gouging on sanitizer and masks during the pandemic.",
    ),
    "fire": (
        "Paramedics may wear masks and gowns on arrival: part of our COVID-19 precautions.",
        "Call 911 for emergencies only; tell the dispatcher if anyone at home has COVID-19 "
        "symptoms.",
        "Fire station open houses are cancelled due to the coronavirus.",
        "Our crews are healthy and ready to respond during the pandemic.",
    ),
    "transit": (
        "Rear-door boarding only and fares suspended to protect operators during the "
        "COVID-19 emergency.",
        "Reduced service because of the coronavirus: ride only for essential trips.",
        "Buses and trains are cleaned every night during the pandemic.",
        "Face coverings are required for all riders.",
    ),
    "parks": (
        "Playgrounds and sports courts are closed to slow the spread of COVID-19.",
        "Trails stay open: keep six feet apart and practice social distancing.",
        "All recreation center programs are cancelled because of the coronavirus.",
        "Get outside close to home, alone or with your household, during the pandemic.",
    ),
    "library": (
        "All branches are closed to slow the spread of COVID-19; due dates are extended.",
        "At home during the pandemic? Borrow e-books and audiobooks with your library card.",
        "Online storytime every morning while branches are closed for the coronavirus.",
        "Library staff are helping answer the city's COVID-19 hotline.",
    ),
    "schools": (
        "Schools are closed because of COVID-19; grab-and-go meals are available for students.",
        "Distance learning starts Monday during the coronavirus closure; pick up a laptop.",
    ),
    "311": (
        "Questions about COVID-19 services? Call 311 or chat with us online.",
        "Longer wait times: our agents are answering many coronavirus calls.",
    ),
    "housing": (
        "No evictions for nonpayment during the COVID-19 emergency.",
        "Our offices are closed due to the coronavirus; pay rent online.",
    ),
    "works": (
        "Trash and recycling pickup continues on schedule during the COVID-19 emergency.",
        "Please bag your trash: it protects our crews from the coronavirus.",
    ),
    "business": (
        "Small businesses hit by the pandemic can apply for emergency loans.",
        "Restaurants: takeout and delivery only during the COVID-19 emergency.",
    ),
    "human services": (
        "Emergency food boxes for seniors during the COVID-19 emergency: call for delivery.",
        "Shelters are adding beds to allow social distancing.",
    ),
    "animals": (
        "Shelter visits by appointment only during the COVID-19 emergency.",
        "Foster a pet while you stay home: apply online.",
    ),
}

# A few of the agencies' COVID-19 messages use no dictionary word: the dictionary misses them.
_COVID_IMPLICIT: Mapping[str, tuple[str, ...]] = {
    "mayor": ("Thank you to every essential worker keeping our city running.",),
    "emergency": ("Donations of gloves and gowns for responders: drop them at the warehouse.",),
    "police": ("Thank you for staying in: traffic is down and so are crashes.",),
    "transit": ("Keep space between riders; wait for the next bus if it is crowded.",),
    "parks": ("Picnic areas are closed until further notice.",),
    "library": ("Book drops are closed; keep your items until we reopen.",),
    "schools": ("Free meals for students at 20 sites on weekdays.",),
    "311": ("Please call 311 instead of visiting our offices in person.",),
}
_IMPLICIT_DEFAULT = ("Our offices are closed to the public until further notice.",)


# Routine tweets, none with a dictionary word.
_ROUTINE: Mapping[str, tuple[str, ...]] = {
    "mayor": (
        "The mayor signed the budget for the next fiscal year.",
        "Join the mayor at the community town hall tonight.",
        "Congratulations to our high school basketball champions!",
        "The mayor announced new investments in affordable housing.",
        "Happy Lunar New Year to everyone celebrating in our city.",
    ),
    "health": (
        "Free blood pressure screenings at community centers this week.",
        "Restaurant inspection results are posted online.",
        "Quit smoking: free support is available through our clinic.",
        "Get your child's vaccinations up to date.",
        "Heart health month: small changes add up.",
    ),
    "emergency": (
        "Check your emergency kit: water, food, flashlight and batteries.",
        "Winter storm watch tonight: drive carefully.",
        "Outdoor warning sirens are tested on the first Wednesday of the month.",
        "Sign up for emergency alerts by text and email.",
    ),
    "police": (
        "Traffic advisory: lane closures downtown for the parade on Saturday.",
        "Coffee with a cop tomorrow morning at the community center.",
        "Lock your car and take your valuables with you.",
        "Welcome to our newest officers, who graduated from the academy today.",
        "Help us identify a suspect in a downtown burglary.",
    ),
    "fire": (
        "Test your smoke alarms once a month.",
        "Crews contained a two-alarm fire this morning; no injuries reported.",
        "Space heaters need three feet of clearance.",
        "CPR class this weekend at station 7.",
    ),
    "transit": (
        "Weekend track work: shuttle buses replace trains between two stations.",
        "Service change on route 12 due to construction.",
        "New real-time arrival screens are live at downtown stops.",
        "Buses are running with delays due to the weather.",
    ),
    "parks": (
        "Registration for spring soccer leagues opens today.",
        "Join volunteers for a tree planting on Saturday.",
        "The pool at Riverside Park reopens after renovation.",
        "Birdwatching walk at the nature center this weekend.",
    ),
    "library": (
        "Storytime for toddlers every Tuesday at 10am.",
        "Free tax help at the central library on Saturdays.",
        "New books this week: check out our staff picks.",
        "Teen coding club meets after school on Thursdays.",
    ),
    "schools": (
        "Registration for kindergarten is open.",
        "Congratulations to our science fair winners.",
        "Spring break starts Monday; classes resume the following week.",
    ),
    "311": (
        "Report potholes, graffiti and broken streetlights to 311.",
        "311 is open 24 hours a day, 7 days a week.",
    ),
    "housing": (
        "Applications for the housing voucher waitlist open next month.",
        "Free workshop for first-time home buyers on Saturday.",
    ),
    "works": (
        "Street sweeping resumes next week; move your car.",
        "Pothole repairs on Main Street tonight.",
        "The bulk trash pickup schedule for this month is online.",
    ),
    "business": (
        "Apply for a small business grant for storefront improvements.",
        "Free workshop on starting a business next Tuesday.",
    ),
    "human services": (
        "Warming centers are open during the cold snap.",
        "Apply for heating bill assistance before the deadline.",
    ),
    "animals": (
        "Meet our pet of the week!",
        "Low-cost vaccination clinic for pets on Saturday.",
    ),
}

# Routine tweets that happen to use a dictionary word: the dictionary's false positives.
_AMBIGUOUS_TWEETS: Mapping[str, tuple[str, ...]] = {
    "health": (
        "Flu season is not over: the flu virus is still circulating, so get your flu shot.",
        "Measles outbreak in a neighbouring county: check your vaccination records.",
    ),
    "animals": ("New arrivals at the shelter stay in quarantine for ten days.",),
}
_AMBIGUOUS_DEFAULT = (
    "Beware of phishing emails: do not open attachments that may carry a computer virus.",
)
